/* jkeras: the run comparison page's charts: both runs' histories, drawn from the JSON in the page. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("runs-data").textContent);
  new window.JkerasCharts.Charts(document.getElementById("charts")).draw(data.runs);
  window.jkerasCompare = { data: data };
})();

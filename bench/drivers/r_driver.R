# The R driver: the benchmark's workloads through reticulate, the layer R's keras package sits on,
# written as an R keras user writes them (R arrays, array_reshape, x / 255, R callback functions).
# Data stays in R; every call into Keras converts it, as it does for R users: that is measured.
# Protocol: JSON commands on stdin, answers on stdout as "@@bench {...}" lines (see bench/run_bench.py).
suppressMessages(library(reticulate))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
use_python(Sys.getenv("RETICULATE_PYTHON"), required = TRUE)

keras <- import("keras")
json <- import("json")
common <- import_from_path("common", path = here)
layers <- keras$layers
cache <- new.env()

reply <- function(result) {
  cat(paste0("@@bench ", json$dumps(result)), "\n", sep = "")
  flush(stdout())
}

load_data <- function(kind, samples, seed) {
  key <- paste(kind, samples)
  if (!is.null(cache[[key]])) return(cache[[key]])
  source <- kind
  if (kind %in% c("fashion_mnist_flat", "fashion_mnist_images")) {
    use_mnist <- Sys.getenv("BENCH_USE_MNIST") == "1"
    source <- if (use_mnist) "mnist" else "fashion_mnist"
    data <- if (use_mnist) keras$datasets$mnist$load_data() else keras$datasets$fashion_mnist$load_data()
    x <- data[[1]][[1]][1:samples, , ]
    y <- data[[1]][[2]][1:samples]
    x <- if (kind == "fashion_mnist_flat") array_reshape(x, c(samples, 784)) else array_reshape(x, c(samples, 28, 28, 1))
    x <- x / 255
    y <- keras$utils$to_categorical(y, 10L)
  } else if (kind == "cifar10") {
    if (Sys.getenv("BENCH_USE_CIFAR10") == "1") {
      data <- keras$datasets$cifar10$load_data()
      x <- data[[1]][[1]][1:samples, , , ] / 255
      y <- as.vector(data[[1]][[2]])[1:samples]
    } else {
      made <- common$make_synthetic_cifar(as.integer(samples), as.integer(seed))
      x <- made[[1]]
      y <- made[[2]]
      source <- "synthetic_cifar10"
    }
    y <- keras$utils$to_categorical(y, 10L)
  } else if (kind == "sequences") {
    made <- common$make_sequences(as.integer(samples), as.integer(seed))
    x <- made[[1]]
    y <- made[[2]]
    source <- "synthetic_sequences"
  } else {
    stop(paste("unknown data", kind))
  }
  cache[[key]] <- list(x = x, y = y, source = source)
  cache[[key]]
}

build <- function(workload) {
  if (workload == "mlp") {
    model <- keras$Sequential(list(
      keras$Input(shape = list(784L)),
      layers$Dense(256L, activation = "relu"), layers$Dropout(0.4),
      layers$Dense(128L, activation = "relu"), layers$Dropout(0.3),
      layers$Dense(64L, activation = "relu"), layers$Dropout(0.2),
      layers$Dense(10L, activation = "softmax")))
    model$compile(optimizer = "adam", loss = "categorical_crossentropy", metrics = list("accuracy"))
  } else if (workload == "cnn") {
    model <- keras$Sequential(list(
      keras$Input(shape = list(28L, 28L, 1L)),
      layers$Conv2D(32L, 3L, activation = "relu"), layers$MaxPooling2D(2L),
      layers$Conv2D(64L, 3L, activation = "relu"), layers$MaxPooling2D(2L),
      layers$Dropout(0.25), layers$Flatten(),
      layers$Dense(10L, activation = "softmax")))
    model$compile(optimizer = "adam", loss = "categorical_crossentropy", metrics = list("accuracy"))
  } else if (workload == "cifar_cnn") {
    model <- keras$Sequential(list(
      keras$Input(shape = list(32L, 32L, 3L)),
      layers$Conv2D(32L, 3L, padding = "same", activation = "relu"), layers$Conv2D(32L, 3L, activation = "relu"),
      layers$MaxPooling2D(2L), layers$Dropout(0.25),
      layers$Conv2D(64L, 3L, padding = "same", activation = "relu"), layers$Conv2D(64L, 3L, activation = "relu"),
      layers$MaxPooling2D(2L), layers$Dropout(0.25),
      layers$Flatten(), layers$Dense(512L, activation = "relu"), layers$Dropout(0.5),
      layers$Dense(10L, activation = "softmax")))
    model$compile(optimizer = keras$optimizers$RMSprop(learning_rate = 1e-4), loss = "categorical_crossentropy",
                  metrics = list("accuracy"))
  } else if (workload == "hrnn") {
    model <- keras$Sequential(list(
      keras$Input(shape = list(28L, 28L, 1L)),
      layers$TimeDistributed(layers$LSTM(64L)),
      layers$LSTM(64L),
      layers$Dense(10L, activation = "softmax")))
    model$compile(optimizer = "rmsprop", loss = "categorical_crossentropy", metrics = list("accuracy"))
  } else if (workload == "rnn") {
    model <- keras$Sequential(list(
      keras$Input(shape = list(as.integer(common$SEQUENCE_LENGTH))),
      layers$Embedding(as.integer(common$VOCABULARY), 32L),
      layers$LSTM(32L),
      layers$Dense(1L, activation = "sigmoid")))
    model$compile(optimizer = "adam", loss = "binary_crossentropy", metrics = list("accuracy"))
  } else {
    stop(paste("unknown workload", workload))
  }
  model
}

now <- function() as.numeric(Sys.time())

train <- function(cmd) {
  data <- load_data(cmd$data, cmd$samples, cmd$seed)
  keras$utils$set_random_seed(as.integer(cmd$seed))
  model <- build(cmd$workload)
  seconds <- c()
  started <- 0
  timer <- keras$callbacks$LambdaCallback(
    on_epoch_begin = function(epoch, logs) started <<- now(),
    on_epoch_end = function(epoch, logs) seconds <<- c(seconds, now() - started))
  start <- now()
  history <- model$fit(data$x, data$y, epochs = as.integer(cmd$epochs), batch_size = as.integer(cmd$batch_size),
                       verbose = 0L, callbacks = list(timer))
  fit_seconds <- now() - start
  list(epoch_seconds = as.list(seconds), fit_seconds = fit_seconds,
       losses = as.list(unlist(history$history$loss)), data_source = data$source)
}

timed <- function(f, repeats) {
  for (i in seq_len(min(20, repeats))) f()
  out <- numeric(repeats)
  for (i in seq_len(repeats)) {
    start <- now()
    f()
    out[i] <- now() - start
  }
  as.list(out)
}

micro <- function(cmd) {
  repeats <- cmd$repeats
  if (cmd$what == "noop") {
    noop <- py_eval("lambda: None")
    return(list(seconds = timed(function() noop(), repeats)))
  }
  if (cmd$what == "handoff_188mb") {
    # Fashion-MNIST's training set (60000 x 784) is R doubles in R (R has no float32), column-major;
    # Keras needs C-order float32, the conversion R keras' keras_array() makes on every hand-off.
    x <- matrix(0, nrow = 60000L, ncol = 784L)
    return(list(seconds = timed(function() np_array(x, dtype = "float32", order = "C"), repeats)))
  }
  keras$utils$set_random_seed(1L)
  model <- build("mlp")
  sample <- common$make_sample(784L, 1L)[[1]]
  serving <- import("jkeras.serving")$Predictor(model)
  f <- switch(cmd$what,
              predict_one = function() model$predict(sample, verbose = 0L),
              predict_on_batch_one = function() model$predict_on_batch(sample),
              fast_path_one = function() model$predict_on_batch(sample),
              serving_one = function() serving$predict(sample))
  list(seconds = timed(f, repeats))
}

con <- file("stdin")
open(con)
repeat {
  line <- readLines(con, n = 1)
  if (length(line) == 0) break
  if (nchar(trimws(line)) == 0) next
  cmd <- json$loads(line)
  if (cmd$cmd == "quit") break
  result <- tryCatch({
    switch(cmd$cmd,
           hello = list(driver = "r", backend = keras$backend$backend(), keras = keras$`__version__`,
                        numpy = import("numpy")$`__version__`, r = paste(R.version$major, R.version$minor, sep = "."),
                        reticulate = as.character(packageVersion("reticulate"))),
           train = train(cmd),
           micro = micro(cmd),
           stop(paste("unknown command", cmd$cmd)))
  }, error = function(e) list(error = conditionMessage(e)))
  reply(result)
}

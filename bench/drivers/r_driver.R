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
common <- import_from_path("common", path = here)  # the workloads' constants
layers <- keras$layers
cache <- new.env()

reply <- function(result) {
  cat(paste0("@@bench ", json$dumps(result)), "\n", sep = "")
  flush(stdout())
}

con <- file("stdin")
open(con)
read_command <- function() {
  repeat {
    line <- readLines(con, n = 1)
    if (length(line) == 0) return(NULL)
    if (nchar(trimws(line)) > 0) return(json$loads(line))
  }
}

# CPU time from /proc, read exactly as the Python and Java drivers read it: utime + stime (fields
# 14 and 15, after the name in brackets) in clock ticks.
ticks_per_second <- as.numeric(Sys.getenv("BENCH_TICKS_PER_SECOND", "100"))
stat_ticks <- function(line) {
  fields <- strsplit(substring(line, regexpr("\\)[^)]*$", line) + 2), " ", fixed = TRUE)[[1]]
  as.numeric(fields[12]) + as.numeric(fields[13])
}
process_cpu_seconds <- function() stat_ticks(readLines("/proc/self/stat", warn = FALSE)) / ticks_per_second
this_thread_id <- function() as.integer(basename(Sys.readlink("/proc/thread-self")))
thread_group <- function(name) {
  group <- sub("[#_ -]+$", "", gsub("[0-9]", "", name))
  if (group == "") "?" else group
}
thread_ticks <- function() {
  out <- list()
  for (tid in list.files("/proc/self/task")) {
    line <- tryCatch(readLines(file.path("/proc/self/task", tid, "stat"), warn = FALSE), error = function(e) NULL)
    if (length(line) == 0) next
    out[[tid]] <- list(name = sub("^[^(]*\\((.*)\\)[^)]*$", "\\1", line), ticks = stat_ticks(line))
  }
  out
}
thread_cpu <- function(before, after, fit_thread) {
  groups <- list()
  for (tid in names(after)) {
    used <- after[[tid]]$ticks - (if (is.null(before[[tid]])) 0 else before[[tid]]$ticks)
    if (used != 0) {
      group <- if (as.integer(tid) == fit_thread) "fit thread" else thread_group(after[[tid]]$name)
      groups[[group]] <- (if (is.null(groups[[group]])) 0 else groups[[group]]) + used / ticks_per_second
    }
  }
  groups
}

data_file <- function(kind, samples, seed, part) {
  file.path(Sys.getenv("BENCH_DATA"), sprintf("%s-%d-%d-%s.npy", kind, as.integer(samples), as.integer(seed), part))
}
np <- import("numpy")

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
      x <- np$load(data_file("cifar10", samples, seed, "x"))
      y <- np$load(data_file("cifar10", samples, seed, "y"))
      source <- "synthetic_cifar10"
    }
    y <- keras$utils$to_categorical(y, 10L)
  } else if (kind == "sequences") {
    x <- np$load(data_file("sequences", samples, seed, "x"))
    y <- np$load(data_file("sequences", samples, seed, "y"))
    source <- "synthetic_sequences"
  } else {
    stop(paste("unknown data", kind))
  }
  # What Python receives when this R array is handed to fit (reticulate's conversion).
  handed <- r_to_py(x)
  order <- if (py_to_r(handed$flags$f_contiguous) && !py_to_r(handed$flags$c_contiguous)) "F" else "C"
  cache[[key]] <- list(x = x, y = y, source = source, handed = list(dtype = py_str(handed$dtype), order = order))
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

# One run: one fit call; the callback times each epoch and, between epochs, reports it and waits
# for the orchestrator's next "epoch" command, so that the drivers take turns epoch by epoch.
fit <- function(cmd) {
  data <- load_data(cmd$data, cmd$samples, cmd$seed)
  keras$utils$set_random_seed(as.integer(cmd$seed))
  model <- build(cmd$workload)
  epochs <- as.integer(cmd$epochs)
  state <- new.env()
  state$paused <- 0
  state$paused_cpu <- 0
  state$paused_threads <- list()
  state$called <- now()
  turns <- keras$callbacks$LambdaCallback(
    on_train_begin = function(logs) state$fit_thread <- this_thread_id(),
    on_epoch_begin = function(epoch, logs) {
      state$threads <- thread_ticks()
      state$cpu <- process_cpu_seconds()
      state$start <- now()
      if (epoch == 0) state$setup <- state$start - state$called
    },
    on_epoch_end = function(epoch, logs) {
      wall <- now() - state$start
      cpu <- process_cpu_seconds() - state$cpu
      figures <- list(epoch = epoch, wall = wall, cpu = cpu,
                      threads = thread_cpu(state$threads, thread_ticks(), state$fit_thread))
      if (epoch == 0) figures$setup <- state$setup
      if (epoch == epochs - 1) {
        state$last <- figures
        return(invisible(NULL))
      }
      reply(figures)
      # While this driver waits, another runs its epoch: what this process burns meanwhile competes
      # with it, so it is measured too.
      paused <- now()
      paused_cpu <- process_cpu_seconds()
      paused_threads <- thread_ticks()
      command <- read_command()
      state$paused <- state$paused + now() - paused
      state$paused_cpu <- state$paused_cpu + process_cpu_seconds() - paused_cpu
      used <- thread_cpu(paused_threads, thread_ticks(), state$fit_thread)
      for (group in names(used)) {
        state$paused_threads[[group]] <- (if (is.null(state$paused_threads[[group]])) 0 else state$paused_threads[[group]]) + used[[group]]
      }
      if (is.null(command) || command$cmd != "epoch") model$stop_training <- TRUE
      invisible(NULL)
    })
  history <- model$fit(data$x, data$y, epochs = epochs, batch_size = as.integer(cmd$batch_size),
                       verbose = 0L, callbacks = list(turns))
  fit_seconds <- now() - state$called
  c(if (is.null(state$last)) list(stopped = TRUE) else state$last, list(fit = fit_seconds - state$paused, paused = state$paused, paused_cpu = state$paused_cpu,
                     paused_threads = state$paused_threads,
                     losses = as.list(unlist(history$history$loss)), data_source = data$source,
                     x_handed = data$handed))
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
  if (cmd$what == "batch_hooks") {
    # R adds no batch hooks to fit: nothing to time (the callback row says what an R callback costs).
    return(list(seconds = list()))
  }
  if (cmd$what == "callback") {
    # One call from Python into an R function, as Keras makes for each R callback; timed in Python.
    timeit <- import("timeit")
    noop <- r_to_py(function(...) NULL)
    per <- 50L
    totals <- unlist(timeit[["repeat"]](stmt = noop, number = per, `repeat` = as.integer(max(1, repeats %/% per))))
    return(list(seconds = as.list(totals / per)))
  }
  if (cmd$what == "handoff_188mb") {
    # Fashion-MNIST's training set (60000 x 784) is R doubles in R (R has no float32), column-major;
    # Keras needs C-order float32, the conversion R keras' keras_array() makes on every hand-off.
    x <- matrix(0, nrow = 60000L, ncol = 784L)
    return(list(seconds = timed(function() np_array(x, dtype = "float32", order = "C"), repeats)))
  }
  keras$utils$set_random_seed(1L)
  model <- build("mlp")
  sample <- np$load(data_file("sample", 1L, 1L, "x"))
  serving <- import("jkeras.serving")$Predictor(model)
  f <- switch(cmd$what,
              predict_one = function() model$predict(sample, verbose = 0L),
              predict_on_batch_one = function() model$predict_on_batch(sample),
              fast_path_one = function() model$predict_on_batch(sample),
              serving_one = function() serving$predict(sample))
  list(seconds = timed(f, repeats))
}

repeat {
  cmd <- read_command()
  if (is.null(cmd) || cmd$cmd == "quit") break
  result <- tryCatch({
    switch(cmd$cmd,
           hello = list(driver = "r", backend = keras$backend$backend(), keras = keras$`__version__`,
                        numpy = np$`__version__`, r = paste(R.version$major, R.version$minor, sep = "."),
                        reticulate = as.character(packageVersion("reticulate")),
                        tf_threads = common$tensorflow_threads()),
           fit = fit(cmd),
           micro = micro(cmd),
           threads = list(threads = as.list(table(vapply(thread_ticks(), function(t) thread_group(t$name), ""))),
                          libraries = common$threading_libraries()),
           stop(paste("unknown command", cmd$cmd)))
  }, error = function(e) list(error = conditionMessage(e)))
  reply(result)
}

package jkeras.internal;

/**
 * Every function of {@code python/jkeras} that Java calls, listed once: the Java↔Python contract.
 * Java names a function only through these constants ({@code PythonRuntime.get().call(
 * PythonFunctions.TRAINING_FIT, ...)}); {@code PythonContractTest} checks that each one resolves
 * to a public function of the Python package, that each is used, and that no Java source outside
 * this class spells such a name itself.
 */
public final class PythonFunctions {
    private PythonFunctions() {
    }

    // python/jkeras/arrays.py
    public static final String ARRAYS_RELEASE = "jkeras.arrays:release";

    // python/jkeras/data.py
    public static final String DATA_DISCARD_CHANNEL = "jkeras.data:discard_channel";
    public static final String DATA_MAKE_FEED = "jkeras.data:make_feed";
    public static final String DATA_OPEN_CHANNEL = "jkeras.data:open_channel";

    // python/jkeras/datasets.py
    public static final String DATASETS_IMAGE_DATASET_FROM_DIRECTORY = "jkeras.datasets:image_dataset_from_directory";
    public static final String DATASETS_IS_CACHED = "jkeras.datasets:is_cached";
    public static final String DATASETS_LOAD = "jkeras.datasets:load";
    public static final String DATASETS_PAD_PACKED = "jkeras.datasets:pad_packed";
    public static final String DATASETS_TEXT_DATASET_FROM_DIRECTORY = "jkeras.datasets:text_dataset_from_directory";
    public static final String DATASETS_TIMESERIES_DATASET_FROM_ARRAY = "jkeras.datasets:timeseries_dataset_from_array";

    // python/jkeras/extending.py
    public static final String EXTENDING_ADD_LOSS = "jkeras.extending:add_loss";
    public static final String EXTENDING_ADD_VARIABLE = "jkeras.extending:add_variable";
    public static final String EXTENDING_ADD_WEIGHT = "jkeras.extending:add_weight";
    public static final String EXTENDING_ASSIGN = "jkeras.extending:assign";
    public static final String EXTENDING_ATTACH = "jkeras.extending:attach";
    public static final String EXTENDING_BUILD_BY_RUN = "jkeras.extending:build_by_run";
    public static final String EXTENDING_CALL_LAYER = "jkeras.extending:call_layer";
    public static final String EXTENDING_DELIVER = "jkeras.extending:deliver";
    public static final String EXTENDING_DESERIALIZE = "jkeras.extending:deserialize";
    public static final String EXTENDING_JAVA_OBJECT = "jkeras.extending:java_object";
    public static final String EXTENDING_LOSS_FUNCTION = "jkeras.extending:loss_function";
    public static final String EXTENDING_METRIC_FUNCTION = "jkeras.extending:metric_function";
    public static final String EXTENDING_NEW_SHELL = "jkeras.extending:new_shell";
    public static final String EXTENDING_TRACK = "jkeras.extending:track";
    public static final String EXTENDING_VARIABLE_INFO = "jkeras.extending:variable_info";
    public static final String EXTENDING_VARIABLE_VALUE = "jkeras.extending:variable_value";
    public static final String EXTENDING_WEIGHT_OF = "jkeras.extending:weight_of";

    // python/jkeras/extending_steps.py
    public static final String EXTENDING_STEPS_APPLY_GRADIENTS = "jkeras.extending_steps:apply_gradients";
    public static final String EXTENDING_STEPS_COMPUTE_LOSS = "jkeras.extending_steps:compute_loss";
    public static final String EXTENDING_STEPS_GRADIENTS = "jkeras.extending_steps:gradients";
    public static final String EXTENDING_STEPS_UPDATE_METRICS = "jkeras.extending_steps:update_metrics";

    // python/jkeras/layers.py
    public static final String LAYERS_APPLY = "jkeras.layers:apply";
    public static final String LAYERS_CLASS_NAME = "jkeras.layers:class_name";
    public static final String LAYERS_COUNT_PARAMS = "jkeras.layers:count_params";
    public static final String LAYERS_CREATE = "jkeras.layers:create";
    public static final String LAYERS_DESCRIBE = "jkeras.layers:describe";
    public static final String LAYERS_TENSOR_DTYPE = "jkeras.layers:tensor_dtype";
    public static final String LAYERS_TENSOR_SHAPE = "jkeras.layers:tensor_shape";

    // python/jkeras/models.py
    public static final String MODELS_COMPILE = "jkeras.models:compile";
    public static final String MODELS_FROM_CONFIG = "jkeras.models:from_config";
    public static final String MODELS_FROM_JSON = "jkeras.models:from_json";
    public static final String MODELS_FUNCTIONAL = "jkeras.models:functional";
    public static final String MODELS_GET_LAYER = "jkeras.models:get_layer";
    public static final String MODELS_INPUT = "jkeras.models:input";
    public static final String MODELS_LAYERS = "jkeras.models:layers";
    public static final String MODELS_SEQUENTIAL = "jkeras.models:sequential";
    public static final String MODELS_SEQUENTIAL_ADD = "jkeras.models:sequential_add";
    public static final String MODELS_SUMMARY = "jkeras.models:summary";
    public static final String MODELS_TYPED = "jkeras.models:typed";

    // python/jkeras/objects.py
    public static final String OBJECTS_CALL_METHOD = "jkeras.objects:call_method";
    public static final String OBJECTS_CLASS_NAME = "jkeras.objects:class_name";
    public static final String OBJECTS_CONFIG_JSON = "jkeras.objects:config_json";
    public static final String OBJECTS_CONSTRUCT = "jkeras.objects:construct";
    public static final String OBJECTS_DESCRIBE = "jkeras.objects:describe";
    public static final String OBJECTS_FUNCTION_REF = "jkeras.objects:function_ref";
    public static final String OBJECTS_GET_ATTRIBUTE = "jkeras.objects:get_attribute";
    public static final String OBJECTS_SET_ATTRIBUTE = "jkeras.objects:set_attribute";

    // python/jkeras/ops.py
    public static final String OPS_CALL = "jkeras.ops:call";

    // python/jkeras/runtime.py
    public static final String RUNTIME_START = "jkeras.runtime:start";

    // python/jkeras/saving.py
    public static final String SAVING_LOAD_MODEL = "jkeras.saving:load_model";
    public static final String SAVING_LOAD_WEIGHTS = "jkeras.saving:load_weights";
    public static final String SAVING_MODEL_FROM_BYTES = "jkeras.saving:model_from_bytes";
    public static final String SAVING_MODEL_TO_BYTES = "jkeras.saving:model_to_bytes";
    public static final String SAVING_SAVE_MODEL = "jkeras.saving:save_model";
    public static final String SAVING_SAVE_WEIGHTS = "jkeras.saving:save_weights";

    // python/jkeras/serving.py
    public static final String SERVING_PREDICTOR = "jkeras.serving:predictor";
    public static final String SERVING_PREDICT_MANY = "jkeras.serving:predict_many";
    public static final String SERVING_RUN_STAGED = "jkeras.serving:run_staged";
    public static final String SERVING_STAGING = "jkeras.serving:staging";

    // python/jkeras/text.py
    public static final String TEXT_ADAPT = "jkeras.text:adapt";
    public static final String TEXT_SET_VOCABULARY = "jkeras.text:set_vocabulary";
    public static final String TEXT_VOCABULARY = "jkeras.text:vocabulary";

    // python/jkeras/training.py
    public static final String TRAINING_EVALUATE = "jkeras.training:evaluate";
    public static final String TRAINING_FIT = "jkeras.training:fit";
    public static final String TRAINING_FREEZE = "jkeras.training:freeze";
    public static final String TRAINING_JAVA_CALLBACK = "jkeras.training:java_callback";
    public static final String TRAINING_PREDICT = "jkeras.training:predict";
    public static final String TRAINING_PREDICT_CLASSES = "jkeras.training:predict_classes";
    public static final String TRAINING_PREDICT_ON_BATCH = "jkeras.training:predict_on_batch";
    public static final String TRAINING_PREDICT_ON_BATCH_OUTPUTS = "jkeras.training:predict_on_batch_outputs";
    public static final String TRAINING_SET_RANDOM_SEED = "jkeras.training:set_random_seed";
    public static final String TRAINING_TEST_ON_BATCH = "jkeras.training:test_on_batch";
    public static final String TRAINING_TRAIN_ON_BATCH = "jkeras.training:train_on_batch";
}

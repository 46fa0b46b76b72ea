/**
 * jkeras' own machinery: the Python thread and its calls, the handles' references, the control block
 * Python reads between training batches. <b>Not API</b>: public only because jkeras' packages share
 * it; anything here may change without notice, and nothing here is needed to use jkeras.
 */
package jkeras.internal;

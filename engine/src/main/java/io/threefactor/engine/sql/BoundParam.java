package io.threefactor.engine.sql;

import io.threefactor.engine.ir.ParamValue;

/** The n-th parameter of a compiled statement: where its value comes from, and whether it is a text[] list. */
public record BoundParam(ParamValue source, boolean array) { }

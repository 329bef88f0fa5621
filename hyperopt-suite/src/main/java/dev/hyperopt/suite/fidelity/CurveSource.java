package dev.hyperopt.suite.fidelity;

import java.util.Map;

/** Where a multi-fidelity problem's curves come from: a formula or a recorded table. */
@FunctionalInterface
public interface CurveSource {

    /**
     * The curve of one configuration, a pure function of it.
     *
     * @param params the configuration's values by name ({@link ConfigParams#flatten})
     * @throws IllegalArgumentException when the configuration is not one this source knows
     */
    Curve curve(Map<String, Object> params);
}

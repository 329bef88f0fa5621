package dev.hyperopt.weka.standin;

import weka.core.Instances;
import weka.filters.unsupervised.attribute.PrincipalComponents;

/**
 * Weka's {@link PrincipalComponents}, which saves. Weka 3.8's filter keeps its correlation
 * matrix in an MTJ {@code UpperSymmDenseMatrix}, which Java cannot serialize, so a model
 * holding a fitted one cannot be written. The matrix is only needed to find the
 * eigenvectors; once they are found this stand-in lets it go. Everything else, options and
 * output included, is Weka's own.
 */
public class PrincipalComponentsStandIn extends PrincipalComponents {
    private static final long serialVersionUID = 1L;

    @Override
    protected void setup(Instances instances) throws Exception {
        super.setup(instances);
        m_Correlation = null;
    }
}

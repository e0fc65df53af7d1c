package org.gmmharness.cli;

import java.util.Locale;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.em.InitMethod;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the option values that name a scikit-learn setting. */
final class Converters {

    private Converters() {
    }

    /** {@code full}, {@code tied}, {@code diag} or {@code spherical}. */
    static final class CovarianceTypes implements ITypeConverter<CovarianceType> {
        @Override
        public CovarianceType convert(String value) {
            try {
                return CovarianceType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code kmeans}, {@code k-means++}, {@code random} or {@code random_from_data}. */
    static final class InitMethods implements ITypeConverter<InitMethod> {
        @Override
        public InitMethod convert(String value) {
            try {
                return InitMethod.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code bic} or {@code aic}. */
    static final class Criteria implements ITypeConverter<Criterion> {
        @Override
        public Criterion convert(String value) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "bic": return Criterion.BIC;
                case "aic": return Criterion.AIC;
                default: throw new TypeConversionException("Unknown criterion '" + value + "': use bic or aic.");
            }
        }
    }
}

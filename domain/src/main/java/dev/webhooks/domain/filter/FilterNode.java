package dev.webhooks.domain.filter;

/** A compiled filter expression: evaluation allocates nothing. */
sealed interface FilterNode {
    boolean matches(FilterSubject subject);

    /** {@code attribute eq value} or, negated, {@code attribute ne value}. */
    record Comparison(FilterAttribute attribute, String value, boolean negated) implements FilterNode {
        @Override
        public boolean matches(FilterSubject subject) {
            return value.equals(subject.attributeValue(attribute)) != negated;
        }
    }

    /** Both sides hold. */
    record And(FilterNode left, FilterNode right) implements FilterNode {
        @Override
        public boolean matches(FilterSubject subject) {
            return left.matches(subject) && right.matches(subject);
        }
    }

    /** Either side holds. */
    record Or(FilterNode left, FilterNode right) implements FilterNode {
        @Override
        public boolean matches(FilterSubject subject) {
            return left.matches(subject) || right.matches(subject);
        }
    }
}

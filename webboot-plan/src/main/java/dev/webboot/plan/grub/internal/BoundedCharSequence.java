package dev.webboot.plan.grub.internal;

/**
 * A string that throws once a regular-expression engine has read more characters than its budget allows, so that a
 * catastrophically backtracking {@code regexp} in a config ends instead of hanging.
 */
final class BoundedCharSequence implements CharSequence {
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("regular expression budget exceeded", null, false, false);
        }
    }

    private final String text;
    private final long[] budget;

    BoundedCharSequence(String text, long[] budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new BudgetExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedCharSequence(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
        return text;
    }
}

package org.gmmharness.report;

/** The Markdown that report.md is written in: lines, table rows and cells, the numbers' forms. */
abstract class MarkdownWriter {

    /** The text written so far. */
    final StringBuilder out = new StringBuilder();

    /** @return milliseconds with their error where there is one */
    static String withError(double ms, double error) {
        return Double.isFinite(error) ? Fmt.ms(ms) + " ± " + Fmt.error(error) : Fmt.ms(ms);
    }

    static String bold(String text, boolean bold) {
        return bold ? "**" + text + "**" : text;
    }

    void row(String key, String value) {
        line(cells(key, value));
    }

    static String cells(String... cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(cell(c)).append(" |");
        }
        return b.toString();
    }

    /** A table cell's text: pipes escaped, line breaks as spaces. */
    static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    void line(String text) {
        out.append(text).append('\n');
    }

    void line() {
        out.append('\n');
    }

    /** @return a target's status, in bold when it is not met */
    static String status(ReportSummary.Status status) {
        return status == ReportSummary.Status.NOT_MET ? "**" + status.label + "**" : status.label;
    }
}

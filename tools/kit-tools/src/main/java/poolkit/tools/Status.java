package poolkit.tools;

/** A test's outcome. NOT_RUN: the test exists but reported no result (the module did not compile, a JVM stopped...). */
public enum Status { PASSED, FAILED, SKIPPED, NOT_RUN }

package poolkit.faulttolerant;

/** Small helpers shared by this homework's tests. */
final class TestPools {

    private TestPools() {
    }

    /**
     * Closes a pool after a test. While {@code close()} is still the skeleton's (Task 6 comes last), the tests of
     * the earlier tasks must not fail because of it, so its "not implemented" is ignored here, and only here.
     */
    static void closeAfterTest(FaultTolerantPool pool) {
        if (pool == null) {
            return;
        }
        try {
            pool.close();
        } catch (NotImplemented closeNotWrittenYet) {
            // CloseTest reports it.
        }
    }
}

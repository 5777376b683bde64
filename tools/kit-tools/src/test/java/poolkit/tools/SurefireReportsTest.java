package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurefireReportsTest {

    @TempDir
    Path reports;

    @Test
    void readsEveryCaseWithItsOutcomeAndAOneLineMessage() throws IOException {
        Files.writeString(reports.resolve("TEST-poolkit.basic.BorrowTest.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="poolkit.basic.BorrowTest" tests="4" failures="1" errors="1" skipped="1">
                  <testcase name="passes" classname="Task 2: borrowing" time="0.01"/>
                  <testcase name="fails" classname="Task 2: borrowing" time="0.01">
                    <failure message="[pool size] &#10;expected: 10&#10; but was: 11" type="org.opentest4j.AssertionFailedError">stack</failure>
                  </testcase>
                  <testcase name="errs" classname="poolkit.basic.BorrowTest">
                    <error type="java.lang.IllegalStateException">java.lang.IllegalStateException
                	at poolkit.basic.X.y(X.java:1)</error>
                  </testcase>
                  <testcase name="skips" classname=""><skipped/></testcase>
                </testsuite>
                """);
        Files.writeString(reports.resolve("poolkit.basic.BorrowTest.txt"), "not a report");

        List<SurefireReports.Case> cases = SurefireReports.read(reports);

        assertThat(cases).extracting(SurefireReports.Case::name).containsExactly("passes", "fails", "errs", "skips");
        assertThat(cases).extracting(SurefireReports.Case::status)
                .containsExactly(Status.PASSED, Status.FAILED, Status.FAILED, Status.SKIPPED);
        assertThat(cases.get(0).reportClass()).isEqualTo("poolkit.basic.BorrowTest");
        assertThat(cases.get(0).classname()).isEqualTo("Task 2: borrowing");
        assertThat(cases.get(1).message()).as("the message on one line").isEqualTo("[pool size] expected: 10 but was: 11");
        assertThat(cases.get(2).message()).as("no message: the text up to the first frame")
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(cases.get(3).message()).isNull();
    }

    @Test
    void aMissingFolderHasNoReports() throws IOException {
        assertThat(SurefireReports.read(reports.resolve("none"))).isEmpty();
    }

    @Test
    void aBrokenReportSaysWhichFile() throws IOException {
        Path report = Files.writeString(reports.resolve("TEST-x.xml"), "<testsuite><testcase");
        assertThatThrownBy(() -> SurefireReports.read(reports)).isInstanceOf(IOException.class)
                .hasMessageContaining(report.toString());
    }
}

package io.gpudoctor.agent.host.kmsg;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpudoctor.agent.diagnosis.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XidCatalogTest {

    @ParameterizedTest
    @ValueSource(ints = {48, 62, 64, 74, 79, 95, 119, 120})
    void xidsThatLeaveTheGpuUnusableAreErrors(int xid) {
        assertThat(XidCatalog.meaning(xid).severity()).isEqualTo(Severity.ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 31, 43, 45})
    void applicationFaultsStayBelowError(int xid) {
        XidMeaning meaning = XidCatalog.meaning(xid);

        assertThat(meaning.severity()).isNotEqualTo(Severity.ERROR);
        assertThat(meaning.applicationFault()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {61, 63, 68, 69, 92, 94})
    void everyListedXidHasANameAndAdviceWithACommandOrAnAction(int xid) {
        XidMeaning meaning = XidCatalog.meaning(xid);

        assertThat(meaning.name()).doesNotStartWith("Xid ");
        assertThat(meaning.advice()).isNotBlank();
    }

    @Test
    void anUnknownXidIsAWarningPointingAtNvidiasCatalogue() {
        XidMeaning meaning = XidCatalog.meaning(4242);

        assertThat(meaning.severity()).isEqualTo(Severity.WARN);
        assertThat(meaning.advice()).contains("docs.nvidia.com/deploy/xid-errors");
    }
}

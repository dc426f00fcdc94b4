package io.gmnstream.operator.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.learn.RegressionMetrics;
import org.junit.jupiter.api.Test;

class PublishRuleTest {
    private final PublishRule rule = new PublishRule(0.001, 0.05);

    private static RegressionMetrics m(double mae, double tau) {
        return new RegressionMetrics(10, tau, 0.5, mae);
    }

    @Test
    void shouldPublishALowerMaeWithoutMuchWorseTau() {
        assertThat(rule.decide(m(0.05, 0.60), m(0.10, 0.62)).publish()).isTrue();
    }

    @Test
    void shouldKeepTheCurrentModelWhenMaeIsNotLowerByTheMargin() {
        assertThat(rule.decide(m(0.10, 0.9), m(0.10, 0.5)).publish()).isFalse();
        assertThat(rule.decide(m(0.0995, 0.9), m(0.10, 0.5)).publish()).isFalse();
        assertThat(rule.decide(m(0.12, 0.9), m(0.10, 0.5)).reason()).contains("is not below");
    }

    @Test
    void shouldKeepTheCurrentModelWhenTauDropsTooMuch() {
        PublishRule.Decision d = rule.decide(m(0.05, 0.40), m(0.10, 0.60));
        assertThat(d.publish()).isFalse();
        assertThat(d.reason()).contains("tau");
    }

    @Test
    void shouldTreatNanTauAsNoBarForTheCurrentAndAsALossForTheCandidate() {
        assertThat(rule.decide(m(0.05, 0.1), m(0.10, Double.NaN)).publish()).isTrue();
        assertThat(rule.decide(m(0.05, Double.NaN), m(0.10, 0.2)).publish()).isFalse();
    }

    @Test
    void shouldPublishWhenThereIsNoCurrentModel() {
        assertThat(rule.decide(m(0.3, 0.0), null).publish()).isTrue();
    }
}

package dev.aiperf.engine.run;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.config.Ramp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Phases built in code (not through the binder) are checked before a run starts, the new types and fields too. */
class PhaseValidationTest {

    private static PhaseConfig phase(PhaseType type, Integer requests, Double rate, Integer users, Ramp prefillRamp,
                                     PhaseConfig.FixedSchedule schedule, PhaseConfig.Cancellation cancellation) {
        return new PhaseConfig("p", type, requests, null, rate, null, null, null, false, false, null, null, null,
                users, null, prefillRamp, schedule, cancellation);
    }

    @Test
    void stopConditions() {
        assertThatCode(() -> PhaseValidation.validate(new PhaseConfig("p", PhaseType.CONCURRENCY, null, null, null,
                2, null, null, false, false, null, null, 5, null, null))).as("sessions alone stop a phase")
                .doesNotThrowAnyException();
        assertThatCode(() -> PhaseValidation.validate(phase(PhaseType.FIXED_SCHEDULE, null, null, null, null, null,
                null))).as("a replay stops at the trace's end").doesNotThrowAnyException();
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.CONCURRENCY, null, null, null, null, null,
                null))).isInstanceOf(ConfigException.class)
                .hasMessage("phases.p: give requests (a count), duration (seconds) or sessions (conversations) to say"
                        + " when it stops");
    }

    @Test
    void userCentricNeedsUsersAndARate() {
        assertThatCode(() -> PhaseValidation.validate(phase(PhaseType.USER_CENTRIC, 10, 5.0, 4, null, null, null)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.USER_CENTRIC, 10, 5.0, null, null, null,
                null))).hasMessageStartingWith("phases.p.users: a user-centric phase needs the number of users");
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.USER_CENTRIC, 10, null, 4, null, null,
                null))).hasMessageStartingWith("phases.p.rate: a user-centric phase needs a positive rate");
    }

    @Test
    void fixedScheduleOptionsAndCancellation() {
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.FIXED_SCHEDULE, null, 5.0, null, null,
                null, null))).hasMessageStartingWith("phases.p.rate: a fixed-schedule phase sends at the trace's");
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.FIXED_SCHEDULE, null, null, null, null,
                new PhaseConfig.FixedSchedule(true, null, null, 0), null))).hasMessageContaining("phases.p.speedup");
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.FIXED_SCHEDULE, null, null, null, null,
                new PhaseConfig.FixedSchedule(false, 50.0, 10.0, 1), null)))
                .hasMessageContaining("phases.p.end_offset: must be >= start_offset");
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.FIXED_SCHEDULE, null, null, null, null,
                new PhaseConfig.FixedSchedule(true, 50.0, null, 1), null)))
                .hasMessageContaining("auto_offset and start_offset exclude each other");
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.CONCURRENCY, 5, null, null, null,
                PhaseConfig.FixedSchedule.DEFAULT, null))).hasMessageContaining("fixed-schedule options");
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.CONCURRENCY, 5, null, null, null, null,
                new PhaseConfig.Cancellation(150, 0)))).hasMessageContaining("request_cancellation.rate: a percentage");
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.CONCURRENCY, 5, null, null, null, null,
                new PhaseConfig.Cancellation(10, -1)))).hasMessageContaining("request_cancellation.delay");
    }

    @Test
    void prefillRampNeedsAPrefillConcurrency() {
        assertThatThrownBy(() -> PhaseValidation.validate(phase(PhaseType.CONCURRENCY, 5, null, null,
                new Ramp(1, 10), null, null))).hasMessageStartingWith("phases.p.prefill_ramp: needs a target");
    }
}

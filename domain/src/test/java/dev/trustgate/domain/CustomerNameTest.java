package dev.trustgate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerNameTest {

    @Test
    void aNameTellsItsKindByItsSyntax() {
        assertThat(CustomerName.parse("16505551234")).isEqualTo(new WaId("16505551234"));
        assertThat(CustomerName.parse("US.13491208655302741918")).isEqualTo(new UserId("US.13491208655302741918"));
        assertThat(CustomerName.parse("US.ENT.11815799212886844830")).isEqualTo(new ParentUserId("US.ENT.11815799212886844830"));
        assertThat(ContactHandle.parse("ct_7Hk2")).isEqualTo(new ContactId("ct_7Hk2"));
    }

    @Test
    void userIdsAreCaseSensitiveAndNeverNormalised() {
        UserId upper = new UserId("BR.1502576394655843Ab");
        UserId lower = new UserId("BR.1502576394655843ab");

        assertThat(upper).isNotEqualTo(lower);
        assertThat(upper.value()).isEqualTo("BR.1502576394655843Ab");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us.1349", "US1349", "US.", "US.13-49", "U.1349", "US.ENT", "USA.1349"})
    void aUserIdIsACountryCodeADotAndLettersOrDigits(String raw) {
        if (raw.equals("US.ENT")) {
            // "ENT" alone is letters: a valid user id, not a parent user id
            assertThat(new UserId(raw).kind()).isEqualTo(NameKind.USER_ID);
            return;
        }
        assertThatThrownBy(() -> new UserId(raw)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("user_id");
    }

    @Test
    void aUserIdIsAtMost128LettersAndDigitsAfterTheCountry() {
        assertThat(new UserId("US." + "9".repeat(128)).value()).hasSize(131);
        assertThatThrownBy(() -> new UserId("US." + "9".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParentUserId("US.1181")).hasMessageStartingWith("parent_user_id");
    }

    @Test
    void handlesThatAreNoneOfTheKindsAreRefusedNamingWhatIsAccepted() {
        assertThatThrownBy(() -> ContactHandle.parse("@sheena"))
                .hasMessageContaining("contact id").hasMessageContaining("wa_id").hasMessageContaining("user id");
        assertThatThrownBy(() -> ContactHandle.parse("1234")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyNameIsMaskedForLogs() {
        assertThat(new UserId("US.13491208655302741918").masked()).startsWith("US.").endsWith("1918").doesNotContain("134912");
        assertThat(new ParentUserId("US.ENT.11815799212886844830").masked()).startsWith("US.ENT.").endsWith("4830")
                .doesNotContain("118157");
        assertThat(ContactNames.of(new WaId("16505551234"), new UserId("US.13491208655302741918")).toString())
                .doesNotContain("1650555").doesNotContain("134912");
    }

    @Test
    void theNewestNameOfAKindIsTheCurrentOne() {
        ContactNames names = ContactNames.of(new WaId("16505551234"), new UserId("US.1"));

        ContactNames learned = names.with(ContactNames.of(new UserId("US.2")));

        assertThat(learned.waId()).contains(new WaId("16505551234"));
        assertThat(learned.userId()).contains(new UserId("US.2"));
        assertThat(learned.all()).hasSize(2);
    }
}

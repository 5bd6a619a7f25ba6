package dev.trustgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which spellings of a phone number name one WhatsApp user (DESIGN §4). Numbers are written as businesses
 * write them; both directions are checked, since either spelling may be the one WhatsApp reports.
 */
class PhoneAliasesTest {

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # Brazil: mobiles with and without the ninth digit
            +55 11 98765-4321      | 551187654321         | same
            +55 92 98172 3241      | 559281723241         | same
            0055 (21) 9912-34567   | 552191234567         | same
            5561961234567          | +55 61 6123-4567     | same
            # Brazil: landlines never had a ninth digit; a mobile whose eight digits look like a landline has no old form
            +55 11 3333-4444       | 5511933334444        | apart
            552125551234           | 5521925551234        | apart
            +55 11 93123-4567      | 551131234567         | apart
            5501987654321          | 550187654321         | apart
            # Mexico: with and without the 1 after 52
            +52 1 55 1234 5678     | 525512345678         | same
            5215639691841          | +52 56 3969 1841     | same
            # Argentina: with and without the 9 after 54
            +54 9 11 5874-9895     | 541158749895         | same
            5493514567890          | +54 351 456-7890     | same
            # Argentina: the domestic 15 prefix is not an alias WhatsApp reports
            541158749895           | 5415158749895        | apart
            # decoration only
            +1 (650) 555-1234      | 16505551234          | same
            001 650.555.1234       | 16505551234          | same
            # other countries and other numbers stay apart
            16505551234            | 116505551234         | apart
            447911123456           | 4407911123456        | apart
            919876543210           | 9198765432100        | apart
            +55 11 98765-4321      | 5511887654321        | apart
            525512345678           | 5255912345678        | apart
            16505551234            | 16505551235          | apart
            """)
    void numbersWhatsAppTreatsAsOneUserMatchAndOthersStayApart(String a, String b, String expected) {
        WaId first = WaId.canonical(a, "to");
        WaId second = WaId.canonical(b, "to");

        assertThat(PhoneAliases.same(first, second)).isEqualTo(expected.equals("same"));
        assertThat(PhoneAliases.same(second, first)).as("in both directions").isEqualTo(expected.equals("same"));
    }

    @ParameterizedTest
    @CsvSource({"5511987654321", "551187654321", "16505551234", "5215639691841", "541158749895"})
    void aNumberIsAlwaysItsOwnFirstAlias(String number) {
        WaId waId = new WaId(number);

        assertThat(PhoneAliases.of(waId)).first().isEqualTo(waId);
        assertThat(PhoneAliases.of(waId)).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(2);
    }
}

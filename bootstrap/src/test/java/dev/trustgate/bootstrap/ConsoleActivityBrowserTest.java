package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.domain.WaId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's activity view in a real browser (Debian's headless Chromium) against the assembled server: identity
 * changes, blocked and held messages and acknowledged changes per day over the last weeks, drawn as SVG from the event
 * feed — a month of history recorded on the days it happened, then today's events as they come — and nothing loaded
 * from anywhere else.
 */
class ConsoleActivityBrowserTest {

    private static final String PNID = "106540352242922";
    private static final String WA_ID = "16505551234";
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/" + WA_ID;
    private static final String ADMIN_KEY = "tg_console_activity_admin_key_0123456789";
    private static final String SECRET = "console-activity-app-secret";
    private static final String NEW = "Qm9vbXNoYWthbGFrYQ==";
    private static final List<String> SERIES = List.of("identity-changes", "blocks", "acknowledgements", "held");

    private final FakeGraph graph = new FakeGraph();
    private final String dbUrl = "jdbc:h2:mem:console-activity-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private LocalServer server;
    private Browser browser;

    /** A failed test leaves a screenshot and the page's HTML behind, named after it. */
    @RegisterExtension
    final AfterTestExecutionCallback evidence = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.keepEvidence("failed-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeEach
    void start(@TempDir Path profile) {
        server = LocalServer.start(LocalServer.env(dbUrl, graph.url(), ADMIN_KEY, SECRET));
        browser = new Browser(profile);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
        graph.close();
    }

    @Test
    void theActivityViewCountsEachDayOfTheLastWeeksFromTheEventFeedAndFollowsItLive() {
        assertThat(server.call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}").statusCode())
                .isEqualTo(200);
        Map<LocalDate, int[]> history = recordAMonthOfHistory();
        String key = server.apiKey("support", PNID);

        browser.open("http://127.0.0.1:" + server.port() + "/console/#/sign-in");
        browser.type("#api-key", key);
        browser.find("#api-key").sendKeys(Keys.ENTER);
        browser.find("#blocked-list");
        browser.find("#nav a[data-section='activity']").click();
        browser.find("#chart-identity-changes");

        assertThat(browser.all("#chart-identity-changes rect.bar")).as("four weeks, a bar a day").hasSize(28);
        history.forEach((day, expected) -> {
            for (int s = 0; s < SERIES.size(); s++) {
                assertThat(count(SERIES.get(s), day.toString())).as(SERIES.get(s) + " on " + day).isEqualTo(expected[s]);
            }
        });
        for (int s = 0; s < SERIES.size(); s++) {
            int series = s;
            assertThat(browser.find("#chart-" + SERIES.get(s)).getAttribute("data-total")).as("older days and other events not counted")
                    .isEqualTo(String.valueOf(history.values().stream().mapToInt(counts -> counts[series]).sum()));
        }

        // today, as it happens: the customer writes, their identity changes, a send is refused, another held, the change acknowledged
        webhook("inbound-text-with-identity-hash.json");
        webhook("system-customer-identity-changed.json");
        assertThat(send(key, "reject")).isEqualTo(409);
        assertThat(send(key, "hold")).isEqualTo(202);
        assertThat(server.call("POST", CONTACT + "/acknowledgements", key, "{\"identityHash\":\"" + NEW + "\"}").statusCode())
                .isEqualTo(200);
        String today = today();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(SERIES.stream().map(s -> count(s, today)).toList())
                .as("today's bars, live").containsExactly(1, 1, 1, 1));
        browser.find("#activity-numbers summary").click();
        assertThat(browser.find("#activity-table tr[data-day='" + today + "'] td[data-series='held']").getText()).isEqualTo("1");
        assertThat(browser.find("#chart-held figcaption").getText()).startsWith("Messages held")
                .contains((history.values().stream().mapToInt(counts -> counts[3]).sum() + 1) + " in 28 days");
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("console-12-activity");

        new Select(browser.find("#activity-weeks")).selectByValue("2");
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.all("#chart-identity-changes rect.bar").size() == 14);
        LocalDate twoWeeksAgo = LocalDate.parse(today).minusDays(13);
        int lastTwoWeeks = history.entrySet().stream().filter(e -> !e.getKey().isBefore(twoWeeksAgo))
                .mapToInt(e -> e.getValue()[0]).sum() + 1;
        browser.waitForText("#chart-identity-changes figcaption", lastTwoWeeks + " in 14 days");

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.script("return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("http://127.0.0.1:" + server.port() + "/"));
    }

    /**
     * Events of the past 26 days, recorded at noon UTC of their day (the same calendar day in any time zone within 11 hours
     * of UTC), oldest first as a month of use would have recorded them; plus one identity change 40 days ago and one
     * authentication, which the view does not count. Returns the counts per day: identity changes, blocked, acknowledged,
     * held.
     */
    private Map<LocalDate, int[]> recordAMonthOfHistory() {
        ContactRef contact = new ContactRef(ContactKey.of(PNID, "ct_history"), ContactNames.of(new WaId("4915100000001")));
        Actor crm = new Actor("key_history");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<TrustEvent> events = new ArrayList<>();
        events.addAll(identityChanges(contact, noon(today.minusDays(40)), 5));
        Map<LocalDate, int[]> expected = new TreeMap<>();
        for (int ago = 26; ago >= 1; ago--) {
            LocalDate day = today.minusDays(ago);
            Instant at = noon(day);
            int[] counts = {ago % 3, ago % 4 == 0 ? 2 : 0, ago % 5 == 1 ? 1 : 0, ago % 7 == 2 ? 3 : 0};
            events.addAll(identityChanges(contact, at, counts[0]));
            for (int i = 0; i < counts[1]; i++) {
                events.add(new TrustEvent.MessageBlocked(contact, at, crm, BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED, false));
            }
            for (int i = 0; i < counts[2]; i++) {
                events.add(new TrustEvent.IdentityAcknowledged(contact, at, crm, new ChangeId("chg_history_" + ago),
                        new IdentityHash("SGlzdG9yeQ=="), false, Optional.empty(), Evidence.NONE));
            }
            for (int i = 0; i < counts[3]; i++) {
                events.add(new TrustEvent.MessageHeld(contact, at, crm, "held_history_" + ago + "_" + i,
                        BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED, false));
            }
            if (ago == 10) {
                events.add(new TrustEvent.TrustEstablished(contact, at, crm, Optional.of(new IdentityHash("SGlzdG9yeQ==")),
                        Evidence.NONE));
            }
            expected.put(day, counts);
        }
        TrustgateServices services = server.server.services();
        services.transactions.inTransaction(() -> {
            services.publisher.publish(events);
            return null;
        });
        return expected;
    }

    private static List<TrustEvent> identityChanges(ContactRef contact, Instant at, int count) {
        List<TrustEvent> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            changes.add(new TrustEvent.IdentityChanged(contact, at, Actor.WHATSAPP, new ChangeId("chg_" + at.getEpochSecond() + "_" + i),
                    Optional.empty(), Optional.of(new IdentityHash("SGlzdG9yeQ==")), at, SignalSource.WHATSAPP_SYSTEM, true));
        }
        return changes;
    }

    private static Instant noon(LocalDate day) {
        return day.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
    }

    /** The count a series' bar shows for a day (YYYY-MM-DD); read in one script, as the page may redraw meanwhile. */
    private int count(String series, String day) {
        Object count = browser.script("const bar = document.querySelector(arguments[0]); return bar && bar.getAttribute('data-count');",
                "#chart-" + series + " rect.bar[data-day='" + day + "']");
        assertThat(count).as(series + " has a bar for " + day).isNotNull();
        return Integer.parseInt((String) count);
    }

    /** The day of the rightmost bar: today, in the browser's time zone. */
    private String today() {
        return (String) browser.script("const bars = document.querySelectorAll('#chart-identity-changes rect.bar');"
                + " return bars[bars.length - 1].getAttribute('data-day');");
    }

    private int send(String key, String onBlocked) {
        return server.call("POST", "/v1/messages", key, "{\"from\":\"" + PNID + "\",\"to\":\"" + WA_ID + "\",\"onBlocked\":\""
                + onBlocked + "\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your card was dispatched\"}}}").statusCode();
    }

    /** Posts a sample as WhatsApp would now: signed, with its timestamp moved to the present. */
    private void webhook(String sample) {
        byte[] body = WhatsAppSamples.text(sample).replaceAll("\"timestamp\": \"[0-9]+\"",
                "\"timestamp\": \"" + Instant.now().getEpochSecond() + "\"").getBytes(StandardCharsets.UTF_8);
        assertThat(server.webhook(body).statusCode()).isEqualTo(200);
    }
}

package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.ContactList;
import dev.trustgate.application.port.in.ListContactsUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListContactsServiceTest extends ServiceTestSupport {

    /** The message log, noting the name of every call made to it. */
    private static MessageLog noting(MessageLog log, List<String> calls) {
        return (MessageLog) Proxy.newProxyInstance(MessageLog.class.getClassLoader(), new Class<?>[] {MessageLog.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(log, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aPageOfContactsHasItsHeldMessagesCountedWithOneCallNotOnePerContact() {
        for (int c = 0; c < 30; c++) {
            WaId customer = new WaId("165055510" + String.format("%02d", c));
            for (int m = 0; m <= c % 3; m++) {
                services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, Recipient.of(customer), TEXT, true,
                        SendMessageUseCase.OnBlocked.HOLD));
            }
        }
        List<String> calls = new ArrayList<>();
        ListContactsService list = new ListContactsService(services.transactions, core.contacts, core.businesses, noting(core.messages, calls));

        ContactList page = list.list(new ListContactsUseCase.Query(ALICE, BUSINESS,
                Optional.empty(), Optional.empty(), 1000));

        assertThat(page.contacts()).hasSize(30);
        assertThat(page.contacts()).allSatisfy(view -> assertThat(view.heldMessages())
                .isEqualTo(Integer.parseInt(view.contact().names().waId().orElseThrow().value().substring(9)) % 3 + 1));
        assertThat(calls).as("one question to storage for the whole page").hasSize(1);
    }
}

package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ReadEventsUseCase;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.RecordedEvent;
import java.util.List;

public final class ReadEventsService implements ReadEventsUseCase {

    private final Retry retry;
    private final EventLog events;

    public ReadEventsService(Retry retry, EventLog events) {
        this.retry = retry;
        this.events = events;
    }

    @Override
    public Page read(Query query) {
        query.caller().requireAccess(query.business());
        List<RecordedEvent> page = retry.inTransaction(() -> events.read(query.business(), query.after(), query.limit()));
        return new Page(page, page.isEmpty() ? query.after() : page.get(page.size() - 1).sequence());
    }
}

package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.BusinessNumberId;
import java.util.List;

/** A business's ordered event feed: events after a sequence number. */
public interface ReadEventsUseCase {

    Page read(Query query);

    /** The newest events of one contact, newest first: its timeline. */
    List<RecordedEvent> readContact(ContactQuery query);

    /** A business's events with a sequence after {@code after}, at most {@code limit} (1 to 1000). */
    record Query(Caller caller, BusinessNumberId business, long after, int limit) {
        public Query {
            Requests.required("caller", caller);
            Requests.required("phoneNumberId", business);
            if (after < 0) {
                throw new IllegalArgumentException("after must not be negative");
            }
            Requests.pageLimit(limit);
        }
    }

    /** The newest {@code limit} events of one contact, under every id it had. */
    record ContactQuery(Caller caller, ContactSelector contact, int limit) {
        public ContactQuery {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
            Requests.pageLimit(limit);
        }
    }

    /**
     * {@code next} is the cursor to poll with: the last sequence returned, or {@code after} when none.
     * {@code head} is the newest sequence at the time of reading (a reader can start from there).
     */
    record Page(List<RecordedEvent> events, long next, long head) {
        public Page {
            events = List.copyOf(events);
        }
    }
}

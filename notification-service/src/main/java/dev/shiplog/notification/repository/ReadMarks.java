package dev.shiplog.notification.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Per reader and project: every notification up to this time is read. A mark only moves forward. */
@ApplicationScoped
public class ReadMarks {

    private final EntityManager em;

    public ReadMarks(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Instant of(String subject, String projectId) {
        List<?> rows = em.createNativeQuery("select read_up_to from notification_read where subject = ?1 and"
                + " project_id = ?2").setParameter(1, subject).setParameter(2, projectId).getResultList();
        return rows.isEmpty() ? null : DeliveryStore.instant(rows.get(0));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markUpTo(String subject, String projectId, Instant upTo) {
        em.createNativeQuery("insert into notification_read (subject, project_id, read_up_to) values (?1, ?2, ?3)"
                + " on conflict (subject, project_id) do update set read_up_to = greatest(notification_read.read_up_to,"
                + " excluded.read_up_to)").setParameter(1, subject).setParameter(2, projectId)
                .setParameter(3, Timestamp.from(upTo)).executeUpdate();
    }
}

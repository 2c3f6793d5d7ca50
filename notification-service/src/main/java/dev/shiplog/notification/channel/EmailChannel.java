package dev.shiplog.notification.channel;

import dev.shiplog.notification.domain.delivery.Answer;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Email over SMTP (quarkus-mailer: {@code quarkus.mailer.host}, {@code port}, {@code from}; locally the GreenMail
 * server {@code ./shiplog up} starts): one message per attempt to every address of the subscription, plain text and
 * HTML. An SMTP server that refuses or cannot be reached is tried again.
 */
@ApplicationScoped
public class EmailChannel {

    private final Messages messages;
    private final Mailer mailer;

    public EmailChannel(Messages messages, Mailer mailer) {
        this.messages = messages;
        this.mailer = mailer;
    }

    public SendResult send(Outbound out) {
        long started = System.nanoTime();
        Mail mail = new Mail().setTo(out.emails()).setSubject(messages.emailSubject(out.notification()))
                .setText(messages.emailText(out.notification())).setHtml(messages.emailHtml(out.notification()))
                .addHeader("X-Shiplog-Delivery", out.deliveryId());
        try {
            mailer.send(mail);
            return SendResult.of(Answer.mailAccepted(), HttpChannel.millisSince(started));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return SendResult.of(Answer.mailRefused(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage())), HttpChannel.millisSince(started));
        }
    }
}

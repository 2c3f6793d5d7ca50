package dev.shiplog.notification.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * What is sent, per channel. The webhook body is versioned ({@code "version": 1}) and documented in the
 * notification-service's README; it is the same for every attempt of a delivery (the attempt is a header), so a
 * receiver can drop a repeated {@code deliveryId}. Chat messages follow the Slack incoming-webhook format (text,
 * and blocks with a link to the deployment). Emails have a plain-text and an HTML part.
 */
@ApplicationScoped
public class Messages {

    public static final int WEBHOOK_VERSION = 1;

    private final ObjectMapper json;
    private final String publicUrl;

    public Messages(ObjectMapper json, NotificationServiceConfig config) {
        this.json = json;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    /** The link to what the notification is about: its deployment, else its environment. */
    public String link(Notification n) {
        return n.deploymentId() != null ? publicUrl + "/api/deployments/" + n.deploymentId()
                : publicUrl + "/api/projects/" + n.projectId() + "/environments/" + n.environment();
    }

    public byte[] webhook(Outbound out) {
        Notification n = out.notification();
        ObjectNode body = json.createObjectNode();
        body.put("version", WEBHOOK_VERSION);
        body.put("deliveryId", out.deliveryId());
        body.put("subscriptionId", out.subscriptionId());
        ObjectNode about = body.putObject("notification");
        about.put("id", n.id());
        about.put("kind", n.kind());
        about.put("projectId", n.projectId());
        about.put("environment", n.environment());
        about.put("deploymentId", n.deploymentId());
        about.put("title", n.title());
        about.put("detail", n.detail());
        about.put("url", n.url());
        about.put("occurredAt", n.occurredAt().toString());
        ObjectNode links = body.putObject("links");
        links.put("self", link(n));
        links.put("feed", publicUrl + "/api/projects/" + n.projectId() + "/notifications");
        return bytes(body);
    }

    /** A Slack-compatible message: {@code text} (the fallback) and {@code blocks}. */
    public byte[] chat(Outbound out) {
        Notification n = out.notification();
        ObjectNode body = json.createObjectNode();
        body.put("text", n.title() + (n.detail() == null ? "" : ": " + n.detail()));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", "*" + escape(n.title()) + "*"
                + (n.detail() == null ? "" : "\n" + escape(n.detail())) + "\n<" + link(n) + "|View "
                + (n.deploymentId() != null ? "the deployment" : "the environment") + ">");
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text",
                escape(n.projectId() + " · " + n.environment() + " · " + n.kind() + " · " + n.occurredAt()));
        return bytes(body);
    }

    public String emailSubject(Notification n) {
        return "[Shiplog] " + n.title();
    }

    public String emailText(Notification n) {
        return n.title() + "\n\n" + (n.detail() == null ? "" : n.detail() + "\n\n") + "Project: " + n.projectId()
                + "\nEnvironment: " + n.environment() + "\nWhat: " + n.kind() + "\nWhen: " + n.occurredAt()
                + "\n\n" + link(n) + "\n";
    }

    public String emailHtml(Notification n) {
        return "<html><body><h2>" + html(n.title()) + "</h2>" + (n.detail() == null ? "" : "<p>" + html(n.detail())
                + "</p>") + "<table><tr><td>Project</td><td>" + html(n.projectId()) + "</td></tr><tr><td>Environment"
                + "</td><td>" + html(n.environment()) + "</td></tr><tr><td>What</td><td>" + html(n.kind())
                + "</td></tr><tr><td>When</td><td>" + html(n.occurredAt().toString()) + "</td></tr></table><p><a href=\""
                + html(link(n)) + "\">Open in Shiplog</a></p></body></html>";
    }

    /** Slack's mrkdwn: &, < and > are control characters. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String html(String text) {
        return escape(text).replace("\"", "&quot;").replace("'", "&#39;");
    }

    private byte[] bytes(ObjectNode body) {
        try {
            return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

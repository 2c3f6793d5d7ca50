package dev.shiplog.environment.domain;

/**
 * An environment variable as the APIs show it: a plain one with its value; a secret never in clear ({@code value}
 * null), only that it is set and which key sealed it.
 */
public record Variable(String name, boolean secret, String value, String sealedWith) {
}

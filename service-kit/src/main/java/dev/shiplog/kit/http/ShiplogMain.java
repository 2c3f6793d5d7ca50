package dev.shiplog.kit.http;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Every service's entry point: Quarkus, with its own URI check turned off before it starts ({@link HttpEdge} checks
 * the same and answers a malformed URL with a problem naming it, where Quarkus' check answers an empty 400 before
 * any route). Tests set the same property in the build.
 */
@QuarkusMain
public class ShiplogMain {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}

package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard in a real browser (Debian's headless Chromium, driven by Selenium; {@code ./shiplog test}
 * installs both where missing): a maintainer signs in with a JWT, deploys a site from the form and watches its log
 * stream in (colours rendered) until success and the URL; rolls back from the release history; a second maintainer
 * approves a deployment waiting in production; the feed shows a new notification without a reload; a viewer's pages
 * offer no button their role cannot use; signing out revokes the session. Each page's screenshot is written to
 * {@code docs/screenshots/}.
 */
class DashboardIT {

    static final Path SCREENSHOTS = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/screenshots");
    static final Duration WAIT = Duration.ofSeconds(60);

    static WebDriver browser;
    static WebDriverWait waiting;

    @BeforeAll
    static void browser() {
        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new AssertionError("no chromium: ./shiplog test installs Debian's chromium and"
                        + " chromium-driver (apt-get install chromium chromium-driver)"));
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new", "--no-sandbox",
                "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        browser = new ChromeDriver(service, options);
        waiting = new WebDriverWait(browser, WAIT, Duration.ofMillis(100));
        // parts of a page refresh themselves: an element found can be replaced before it is read
        waiting.ignoring(org.openqa.selenium.WebDriverException.class);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInDeployWatchRollBackApproveAndSeeTheFeed() throws Exception {
        String project = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>dashboard</h1>\n"));
        given().contentType(ContentType.JSON).body("{\"name\": \"Dashboard\", \"repositoryUrl\": \"" + repo.path()
                + "\", \"defaultBranch\": \"main\", \"buildDefaults\": {\"buildCommand\": \"mkdir -p dist && cp"
                + " index.html dist/\", \"outputDirectory\": \"dist\"}}")
                .put(Platform.DEPLOYMENT_API + "/api/projects/" + project).then().statusCode(202);
        Platform.environment(project, "staging", "{}");
        Platform.environment(project, "production", "{\"approvalRequired\": true}");
        String[][] members = { { "ann", "maintainer" }, { "ben", "maintainer" }, { "vic", "viewer" } };
        for (String[] member : members) {
            given().contentType(ContentType.JSON).body("{\"role\": \"" + member[1] + "\"}")
                    .put(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/members/" + member[0] + "-" + project)
                    .then().statusCode(200);
        }

        // ann signs in and deploys from the form; the log streams in, with its colours, until success and the URL
        signIn("ann-" + project);
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("overview-rows"), project));
        shot("overview");
        browser.get(Platform.DEPLOYMENT_API + "/ui/deploy?project=" + project + "&environment=staging");
        browser.findElement(By.id("version")).sendKeys("1.0.0");
        browser.findElement(By.id("buildCommand")).sendKeys("mkdir -p dist && cp index.html dist/ && printf"
                + " '\\033[32mcompiled\\033[0m the site\\n' && sleep 2 && echo second line");
        shot("deploy-form");
        click(By.id("deploy"));
        waiting.until(ExpectedConditions.urlContains("/ui/deployments/"));
        String first = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#log .ansi-fg32")));
        assertEquals("compiled", browser.findElement(By.cssSelector("#log .ansi-fg32")).getText());
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "success"));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "second line"));
        String url = browser.findElement(By.id("environment-url")).getText();
        assertTrue(url.endsWith("/sites/" + project + "/staging/"), url);
        shot("deployment");
        // a release on the gateway's own origin is sandboxed: its scripts cannot act with the session
        HttpResponse<Void> site = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertTrue(site.headers().allValues("Content-Security-Policy").stream().anyMatch(v -> v.startsWith("sandbox")
                && !v.contains("allow-same-origin")), site.headers().map().toString());

        // a second release from an uploaded source archive, through the same form; then back to the first
        byte[] archive = dev.shiplog.testing.TestArchives.tarGz(Path.of("target", "archives"),
                Map.of("index.html", "<h1>uploaded " + project + "</h1>\n"));
        Path file = Files.write(Path.of("target", "archives", project + ".tar.gz").toAbsolutePath(), archive);
        browser.get(Platform.DEPLOYMENT_API + "/ui/deploy?project=" + project + "&environment=staging");
        browser.findElement(By.id("version")).sendKeys("2.0.0");
        browser.findElement(By.id("archive")).sendKeys(file.toString());
        click(By.id("deploy"));
        waiting.until(ExpectedConditions.urlContains("/ui/deployments/"));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "success"));
        given().get(url).then().statusCode(200).body(org.hamcrest.Matchers.containsString("uploaded " + project));
        browser.get(Platform.DEPLOYMENT_API + "/ui/projects/" + project + "/environments/staging");
        shot("environment");
        browser.findElement(By.cssSelector("tr[data-version='1.0.0'] input[name=reason]")).sendKeys("checkout broken");
        click(By.cssSelector("tr[data-version='1.0.0'] button.rollback"));
        browser.switchTo().alert().accept();
        waiting.until(ExpectedConditions.not(ExpectedConditions.urlContains("/environments/")));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "success"));
        String live = given().get(Platform.DEPLOYMENT_API + "/api/projects/" + project + "/environments/staging")
                .then().statusCode(200).extract().path("currentVersion");
        assertEquals("1.0.0", live);

        // ann asks for production (it waits for another maintainer); she signs out, ben signs in and approves
        String waitingId = promote(project, first);
        String annSession = browser.manage().getCookieNamed("shiplog_session").getValue();
        click(By.id("sign-out"));
        waiting.until(ExpectedConditions.urlContains("/ui/sign-in"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> withCookieOnly("GET", "/api/me", annSession) == 401);
        signIn("ben-" + project);
        browser.get(Platform.DEPLOYMENT_API + "/ui/projects/" + project + "/environments/production");
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("approval-" + waitingId)));
        shot("approval");
        click(By.cssSelector("#approval-" + waitingId + " button.approve"));
        assertEquals("success", Platform.finished(waitingId, Platform.WAIT).getString("status"));
        assertEquals("ben-" + project, given().get(Platform.DEPLOYMENT_API + "/api/deployments/" + waitingId)
                .then().extract().path("approval.decidedBy"));

        // the rollback pinned staging: ben unpins it, with a reason
        browser.get(Platform.DEPLOYMENT_API + "/ui/projects/" + project + "/environments/staging");
        browser.findElement(By.id("unpin-reason")).sendKeys("fixed in 3.0.0");
        click(By.id("unpin"));
        browser.switchTo().alert().accept();
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pin"), "not pinned"));

        // the feed: a notification that happens while the page is open appears on it
        browser.get(Platform.DEPLOYMENT_API + "/ui/projects/" + project + "/activity");
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feed li")));
        Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"3.0.0\"}",
                UUID.randomUUID().toString());
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feed li.fresh")));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("feed"), "3.0.0 is live"));
        shot("activity");
        browser.get(Platform.DEPLOYMENT_API + "/ui/projects/" + project + "/metrics");
        shot("metrics");
        browser.get(Platform.DEPLOYMENT_API + "/ui/projects/" + project + "/audit");
        assertTrue(browser.findElement(By.id("audit")).getText().contains("deployment.approve"));
        shot("audit");

        // a viewer sees the same pages with no button their role cannot use
        click(By.id("sign-out"));
        waiting.until(ExpectedConditions.urlContains("/ui/sign-in"));
        signIn("vic-" + project);
        assertTrue(browser.findElements(By.id("nav-deploy")).isEmpty(), "a viewer is offered the deploy form");
        List<String> rows = browser.findElements(By.cssSelector("#overview-rows tr")).stream()
                .map(WebElement::getText).toList();
        assertEquals(2, rows.size(), "her project's two environments, no other project's: " + rows);
        assertTrue(rows.stream().allMatch(r -> r.contains(project)), rows.toString());
        browser.get(Platform.DEPLOYMENT_API + "/ui/projects/" + project + "/environments/staging");
        assertEquals(List.of(), browser.findElements(By.cssSelector("form.api button")).stream()
                .map(WebElement::getText).toList());
        shot("environment-as-viewer");
        browser.get(Platform.DEPLOYMENT_API + "/ui/deployments/" + first);
        assertTrue(browser.findElements(By.cssSelector("form.api button")).isEmpty());
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(Platform.DEPLOYMENT_API + "/");
        shot("overview-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        // a change with the session cookie but without the page's CSRF header is refused
        String vic = browser.manage().getCookieNamed("shiplog_session").getValue();
        assertEquals(200, withCookieOnly("GET", "/api/me", vic));
        assertEquals(403, withCookieOnly("POST", "/api/deployments/" + first + "/cancel", vic));
        // and a sign-in form sent from another site's page signs nobody in
        HttpResponse<Void> crossSite = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                Platform.DEPLOYMENT_API + "/ui/sign-in")).header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TestAuth.jwt("vic-" + project))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(403, crossSite.statusCode());
        assertTrue(crossSite.headers().firstValue("Set-Cookie").isEmpty());
    }

    private static String promote(String project, String from) {
        return given().header("Authorization", "Bearer " + TestAuth.jwt("ann-" + project))
                .contentType(ContentType.JSON).body("{\"environment\": \"production\"}")
                .post(Platform.DEPLOYMENT_API + "/api/deployments/" + from + "/promote").then().statusCode(202)
                .extract().path("id");
    }

    /** Clicks what {@code by} finds, again if the page replaced it between finding and clicking. */
    private static void click(By by) {
        waiting.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** A call with the session cookie and nothing else (RestAssured here sends the admin's token by default). */
    private static int withCookieOnly(String method, String path, String session) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Platform.DEPLOYMENT_API + path))
                .header("Cookie", "shiplog_session=" + session).method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void signIn(String subject) {
        browser.get(Platform.DEPLOYMENT_API + "/ui/sign-in");
        if (subject.startsWith("ann")) {
            shot("sign-in");
        }
        browser.findElement(By.id("token")).sendKeys(TestAuth.jwt(subject));
        click(By.id("sign-in"));
        waiting.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), subject));
    }

    private static void shot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}

package io.concord.api.applications;

import io.concord.api.http.Call;
import io.concord.api.http.Form;
import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import io.concord.common.application.ApplicationRow;
import java.util.Map;

/**
 * {@code POST /applications}, {@code GET|PATCH /applications/{id}} (owner), {@code GET|PATCH
 * /applications/@me} and {@code GET /oauth2/applications/@me} (the bot itself), and
 * {@code POST /applications/{id}/bot/reset}.
 */
public final class ApplicationRoutes {
    static final int NAME_MIN = 2;
    static final int NAME_MAX = 32;

    private ApplicationRoutes() {}

    public static void register(Router router, ApplicationService applications) {
        router.post("/applications", call -> {
            Form form = call.form();
            String name = form.name("name", NAME_MIN, NAME_MAX).orElse(null);
            form.done();
            return Reply.created(applications.create(call.principal(), name));
        });
        router.get("/applications/@me", call -> Reply.ok(applications.view(applications.own(call.principal()))));
        router.get("/oauth2/applications/@me", call -> Reply.ok(applications.view(applications.own(call.principal()))));
        router.patch("/applications/@me", call -> patch(applications, applications.own(call.principal()), call));
        router.get("/applications/{application_id}", call ->
                Reply.ok(applications.view(applications.visible(call.principal(), call.id("application_id")))));
        router.patch("/applications/{application_id}", call ->
                patch(applications, applications.visible(call.principal(), call.id("application_id")), call));
        router.post("/applications/{application_id}/bot/reset", call ->
                Reply.ok(Map.of("token", applications.resetToken(call.principal(), call.id("application_id")))));
    }

    private static Reply patch(ApplicationService applications, ApplicationRow app, Call call) {
        Form form = call.form();
        int flags = form.integer("flags", 0, Integer.MAX_VALUE, app.flags());
        form.done();
        return Reply.ok(applications.updateFlags(app, flags));
    }
}

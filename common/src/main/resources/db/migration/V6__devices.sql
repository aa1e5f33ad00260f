-- Push devices (issue 6, notifications for offline users) and the notification delivery queue.
create table devices (
    id         bigserial primary key,
    user_id    bigint not null references users (id) on delete cascade,
    provider   text   not null,               -- 'webpush' | 'webhook'
    -- The endpoint a notification goes to (the push service URL, or the webhook URL): a device is
    -- one (provider, endpoint); registering it again, by anyone, moves it to that user.
    endpoint   text   not null,
    token      text   not null,               -- the registered token as sent (PushSubscription JSON or URL)
    created_at timestamptz not null default now(),
    unique (provider, endpoint)
);
create index devices_user on devices (user_id);

-- One row per (device, message) still to deliver: the row is the delivery state and survives a
-- worker crash. next_attempt_at doubles as the claim: a dispatcher moves it past "now" before it
-- POSTs, so a crashed dispatcher's claim simply expires.
create table notifications (
    device_id       bigint not null references devices (id) on delete cascade,
    message_id      bigint not null,
    user_id         bigint not null,
    channel_id      bigint not null,
    payload         text   not null,
    attempts        int    not null default 0,
    next_attempt_at timestamptz not null,
    primary key (device_id, message_id)
);
create index notifications_due on notifications (next_attempt_at);
create index notifications_user_channel on notifications (user_id, channel_id, message_id);
create index notifications_message on notifications (message_id);

-- The guild audit log (GET /guilds/{g}/audit-logs). The id is a snowflake, so it orders entries and
-- carries their time: retention deletes by id range, and the GET pages by id.
create table audit_log_entries (
    id          bigint primary key,
    guild_id    bigint not null references guilds (id) on delete cascade,
    user_id     bigint not null,
    target_id   bigint,
    action_type smallint not null,
    changes     jsonb not null default '[]',
    options     jsonb,
    reason      text
);

-- One index per GET filter, each ending in the id so that before/after/limit is a range scan.
create index audit_log_guild on audit_log_entries (guild_id, id);
create index audit_log_guild_user on audit_log_entries (guild_id, user_id, id);
create index audit_log_guild_action on audit_log_entries (guild_id, action_type, id);

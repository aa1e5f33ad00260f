-- Bans (issue 7). A ban outlives the membership and may name a user who never joined, as on
-- Discord; it goes with the guild or the account. The reason is the X-Audit-Log-Reason of the ban.
create table bans (
    guild_id   bigint not null references guilds (id) on delete cascade,
    user_id    bigint not null references users (id) on delete cascade,
    reason     text,
    created_at timestamptz not null default now(),
    primary key (guild_id, user_id)
);

-- Member fields Discord's member object carries: a per-guild avatar hash, member flags, voice
-- mute/deafen (stored only: there is no voice yet) and the boost date.
alter table members
    add column avatar        text,
    add column flags         integer not null default 0,
    add column deaf          boolean not null default false,
    add column mute          boolean not null default false,
    add column premium_since timestamptz;

-- GET /guilds/{g}/members/search: case-insensitive prefix match (lower(x) like 'abc%'), which
-- text_pattern_ops indexes whatever the database collation.
create index members_guild_nick_prefix on members (guild_id, lower(nick) text_pattern_ops);
create index users_username_prefix on users (lower(username) text_pattern_ops);
create index users_global_name_prefix on users (lower(global_name) text_pattern_ops);


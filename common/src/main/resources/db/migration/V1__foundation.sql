-- Accounts: people and (later) bot users share one table; bots have no email or password.
create table users (
    id            bigint primary key,
    username      text not null,
    global_name   text,
    email         text,
    password_hash text,
    bot           boolean not null default false,
    avatar        text,
    created_at    timestamptz not null default now()
);
create unique index users_email_key on users (lower(email)) where email is not null;

-- One row per logged-in device; refresh tokens rotate and a reused one revokes its device session.
create table device_sessions (
    id           bigint primary key,
    user_id      bigint not null references users (id) on delete cascade,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz not null default now(),
    revoked_at   timestamptz
);
create index device_sessions_user on device_sessions (user_id);

create table refresh_tokens (
    token_hash  text primary key,
    session_id  bigint not null references device_sessions (id) on delete cascade,
    superseded  boolean not null default false,
    created_at  timestamptz not null default now()
);
create index refresh_tokens_session on refresh_tokens (session_id);

create table guilds (
    id                bigint primary key,
    name              text not null,
    owner_id          bigint not null references users (id),
    icon              text,
    system_channel_id bigint,
    created_at        timestamptz not null default now()
);

create table roles (
    id          bigint primary key,
    guild_id    bigint not null references guilds (id) on delete cascade,
    name        text not null,
    permissions bigint not null,
    position    integer not null,
    color       integer not null default 0,
    hoist       boolean not null default false,
    mentionable boolean not null default false,
    managed     boolean not null default false
);
create index roles_guild on roles (guild_id);

create table channels (
    id                  bigint primary key,
    guild_id            bigint references guilds (id) on delete cascade,
    type                integer not null,
    name                text,
    position            integer not null default 0,
    parent_id           bigint references channels (id) on delete set null,
    topic               text,
    nsfw                boolean not null default false,
    rate_limit_per_user integer not null default 0
);
create index channels_guild on channels (guild_id);

create table permission_overwrites (
    channel_id bigint not null references channels (id) on delete cascade,
    target_id  bigint not null,
    type       smallint not null,
    allow      bigint not null default 0,
    deny       bigint not null default 0,
    primary key (channel_id, target_id)
);

create table members (
    guild_id                     bigint not null references guilds (id) on delete cascade,
    user_id                      bigint not null references users (id) on delete cascade,
    nick                         text,
    joined_at                    timestamptz not null default now(),
    communication_disabled_until timestamptz,
    primary key (guild_id, user_id)
);
create index members_user on members (user_id);

create table member_roles (
    guild_id bigint not null,
    user_id  bigint not null,
    role_id  bigint not null references roles (id) on delete cascade,
    primary key (guild_id, user_id, role_id),
    foreign key (guild_id, user_id) references members (guild_id, user_id) on delete cascade
);

create table invites (
    code       text primary key,
    guild_id   bigint not null references guilds (id) on delete cascade,
    channel_id bigint not null references channels (id) on delete cascade,
    inviter_id bigint not null references users (id),
    max_age    integer not null,
    max_uses   integer not null,
    uses       integer not null default 0,
    temporary  boolean not null default false,
    created_at timestamptz not null default now(),
    expires_at timestamptz
);
create index invites_guild on invites (guild_id);

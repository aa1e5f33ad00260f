-- Applications (bots). A new application's id is its bot user's id, as Discord does for new apps,
-- so client_id, the application id in READY and the bot's user id are one number.
create table applications (
    id                     bigint primary key references users (id) on delete cascade,
    owner_id               bigint not null references users (id) on delete cascade,
    name                   text not null,
    description            text not null default '',
    flags                  integer not null,
    verify_key             text not null,
    bot_public             boolean not null default true,
    bot_require_code_grant boolean not null default false,
    -- SHA-256 (hex) of the bot's current token; null until the first reset. The token itself is never stored.
    bot_token_hash         text unique,
    created_at             timestamptz not null default now()
);
create index applications_owner on applications (owner_id);

-- The bot a managed role was made for (role tags {bot_id}); null for ordinary roles. Another
-- migration also alters roles, hence IF NOT EXISTS.
alter table roles add column if not exists bot_id bigint;

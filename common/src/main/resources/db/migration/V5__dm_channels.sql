-- DMs (type 1) and group DMs (type 3): rows of channels with guild_id null, their recipients here.
-- owner_id and icon only mean something for group DMs.
alter table channels add column if not exists owner_id bigint;
alter table channels add column if not exists icon text;

create table channel_recipients (
    channel_id bigint not null references channels (id) on delete cascade,
    user_id    bigint not null references users (id) on delete cascade,
    -- A 1:1 DM the user closed (DELETE /channels/{id}) stays a recipient but is not listed; the next
    -- message or open lists it again.
    open       boolean not null default true,
    primary key (channel_id, user_id)
);
create index channel_recipients_user on channel_recipients (user_id);

-- At most one 1:1 DM per pair of users (low < high).
create table dm_pairs (
    low_user_id  bigint not null,
    high_user_id bigint not null,
    channel_id   bigint not null unique references channels (id) on delete cascade,
    primary key (low_user_id, high_user_id)
);

-- Guild settings, role colours and icons, voice channel settings: the guild REST surface (issue 3).
alter table guilds
    add column description                   text,
    add column verification_level            smallint not null default 0,
    add column default_message_notifications smallint not null default 0,
    add column explicit_content_filter       smallint not null default 0,
    add column preferred_locale              text     not null default 'en-US',
    add column afk_timeout                   integer  not null default 300;

alter table roles
    add column secondary_color integer,
    add column tertiary_color  integer,
    add column icon            text,
    add column unicode_emoji   text;

alter table channels
    add column bitrate    integer,
    add column user_limit integer;

create index channels_parent on channels (parent_id) where parent_id is not null;
create index invites_channel on invites (channel_id);

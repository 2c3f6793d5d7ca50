-- How far each consumer has applied the log, per partition (ProjectionPositions): a read waits on it to see a write
-- it was told the position of.
create table if not exists projection_position (
    consumer       varchar(200) not null,
    topic          varchar(255) not null,
    partition_id   integer      not null,
    applied_offset bigint       not null,
    primary key (consumer, topic, partition_id)
);

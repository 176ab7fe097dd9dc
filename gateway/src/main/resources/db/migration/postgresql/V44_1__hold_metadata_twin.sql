-- The twin of V44 (see V8_1).
create table hold_metadata_rebuild (like hold_metadata including all);

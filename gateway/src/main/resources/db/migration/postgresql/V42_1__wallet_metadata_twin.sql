-- The twin of V42 (see V8_1).
create table wallet_metadata_rebuild (like wallet_metadata including all);

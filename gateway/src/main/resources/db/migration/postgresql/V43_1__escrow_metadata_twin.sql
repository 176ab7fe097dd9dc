-- The twin of V43 (see V8_1).
create table escrow_metadata_rebuild (like escrow_metadata including all);

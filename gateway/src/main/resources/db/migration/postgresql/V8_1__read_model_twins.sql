-- Every read model table has a twin of the same shape where a replay rebuilds it from the whole history; the
-- finished twin is swapped with the live table in one transaction (ReadModelRebuilder). A migration that changes a
-- read model table must change its twin the same way (ReadModelTwinsIT checks that they stay alike).
create table wallet_view_rebuild (like wallet_view including all);
create table wallet_journal_head_rebuild (like wallet_journal_head including all);
create table wallet_entry_rebuild (like wallet_entry including all);
create table wallet_hold_rebuild (like wallet_hold including all);
create table transfer_view_rebuild (like transfer_view including all);
create table escrow_view_rebuild (like escrow_view including all);

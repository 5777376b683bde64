CREATE INDEX trades_by_source ON trades (source);

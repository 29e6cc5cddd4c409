import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { keepingStatements } from "./sqlite.js";

describe("the SQLite store's kept statements", () => {
  const open = () => {
    const sqlite = new Database(":memory:");
    sqlite.exec("create table t (n integer); insert into t values (1), (2), (3)");
    return { sqlite, db: keepingStatements(sqlite) };
  };

  it("answers the statement it prepared for the same SQL, and a new one for other SQL", () => {
    const { sqlite, db } = open();
    const first = db.prepare("select n from t");
    assert.equal(db.prepare("select n from t"), first);
    assert.notEqual(db.prepare("select n from t where n > ?"), first);
    assert.deepEqual(first.all([]), [{ n: 1 }, { n: 2 }, { n: 3 }]);
    sqlite.close();
  });

  it("prepares a pragma each time, as SQLite applies some when they are prepared", () => {
    const { sqlite, db } = open();
    assert.notEqual(db.prepare("PRAGMA busy_timeout = 0"), db.prepare("PRAGMA busy_timeout = 0"));
    sqlite.close();
  });

  it("gives the same SQL a statement of its own while the kept one is being iterated", () => {
    const { sqlite, db } = open();
    const kept = db.prepare("select n from t");
    const rows = kept.iterate([]);
    assert.deepEqual(rows.next().value, { n: 1 });
    const meanwhile = db.prepare("select n from t");
    assert.notEqual(meanwhile, kept);
    assert.deepEqual(meanwhile.all([]), [{ n: 1 }, { n: 2 }, { n: 3 }]);
    assert.deepEqual([...rows], [{ n: 2 }, { n: 3 }]);
    assert.equal(db.prepare("select n from t"), kept, "kept again once the iteration ended");
    sqlite.close();
  });

  it("keeps the 500 most recently used, forgetting the least recently used first", () => {
    const { sqlite, db } = open();
    const sql = (i: number): string => `select ${i} as n`;
    const first = db.prepare(sql(0));
    const second = db.prepare(sql(1));
    for (let i = 2; i < 500; i++) db.prepare(sql(i));
    assert.equal(db.prepare(sql(0)), first, "used again: now the most recent");
    db.prepare(sql(500));
    assert.equal(db.prepare(sql(0)), first);
    assert.notEqual(db.prepare(sql(1)), second, "the least recently used was forgotten");
    sqlite.close();
  });
});

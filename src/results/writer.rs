//! Streaming table writers. Rows go to CSV as they come and to Parquet in row groups of
//! `ROW_GROUP_ROWS`, so memory holds at most one row group per open Parquet file whatever the size of
//! the run. `TableWriter` writes `NAME.csv` (and `NAME.parquet`); `DatasetWriter` writes a
//! Hive-partitioned table, `TABLE/month=YYYY-MM/part-KKKKK-of-NNNNN.parquet`, one file per month and
//! shard, that polars, DuckDB, Spark or Trino read as one table. A call without a start time goes to
//! `month=__HIVE_DEFAULT_PARTITION__`, the Hive name for a null partition value.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use polars::prelude::*;

use super::row::{ColumnBuffer, Row};
use super::{ResultsError, io_error};

/// Rows per Parquet row group.
pub const ROW_GROUP_ROWS: usize = 16_384;

/// The partition value Hive, Spark, Trino and polars read as null.
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// A buffered file the Parquet writer writes into while the sink keeps a handle to flush it and see
/// the error (polars' batched writer does not give its writer back).
#[derive(Clone)]
struct SharedFile(Arc<Mutex<BufWriter<File>>>);

impl Write for SharedFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .flush()
    }
}

/// One Parquet file written a row group at a time.
struct ParquetSink<R: Row> {
    path: PathBuf,
    file: SharedFile,
    writer: polars::io::parquet::write::BatchedWriter<SharedFile>,
    columns: Vec<ColumnBuffer>,
    rows: usize,
    _row: PhantomData<R>,
}

impl<R: Row> ParquetSink<R> {
    fn create(path: &Path) -> Result<Self, ResultsError> {
        let file = File::create(path).map_err(|e| io_error(path, e))?;
        let file = SharedFile(Arc::new(Mutex::new(BufWriter::new(file))));
        let writer = ParquetWriter::new(file.clone())
            .batched(&R::schema())
            .map_err(|e| io_error(path, e))?;
        Ok(ParquetSink {
            path: path.to_path_buf(),
            file,
            writer,
            columns: R::dtypes().iter().map(ColumnBuffer::for_dtype).collect(),
            rows: 0,
            _row: PhantomData,
        })
    }

    fn push(&mut self, row: &R) -> Result<(), ResultsError> {
        row.push(&mut self.columns);
        self.rows += 1;
        if self.rows >= ROW_GROUP_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ResultsError> {
        if self.rows == 0 {
            return Ok(());
        }
        let columns: Vec<Column> = self
            .columns
            .iter_mut()
            .zip(R::COLUMNS)
            .map(|(column, name)| column.take(name))
            .collect();
        let frame = DataFrame::new(self.rows, columns).map_err(|e| io_error(&self.path, e))?;
        self.rows = 0;
        self.writer
            .write_batch(&frame)
            .map_err(|e| io_error(&self.path, e))
    }

    fn finish(mut self) -> Result<(), ResultsError> {
        self.flush()?;
        self.writer.finish().map_err(|e| io_error(&self.path, e))?;
        self.file.flush().map_err(|e| io_error(&self.path, e))
    }
}

/// `NAME.csv`, and `NAME.parquet` when asked, written row by row.
pub struct TableWriter<R: Row> {
    csv_path: PathBuf,
    csv: csv::Writer<BufWriter<File>>,
    parquet: Option<ParquetSink<R>>,
}

impl<R: Row> TableWriter<R> {
    /// Creates the files in `folder` and writes the CSV header.
    pub fn create(folder: &Path, name: &str, parquet: bool) -> Result<Self, ResultsError> {
        let csv_path = folder.join(format!("{name}.csv"));
        let file = File::create(&csv_path).map_err(|e| io_error(&csv_path, e))?;
        let mut csv = csv::Writer::from_writer(BufWriter::new(file));
        csv.write_record(R::COLUMNS)
            .map_err(|e| io_error(&csv_path, e))?;
        let parquet = if parquet {
            Some(ParquetSink::create(
                &folder.join(format!("{name}.parquet")),
            )?)
        } else {
            None
        };
        Ok(TableWriter {
            csv_path,
            csv,
            parquet,
        })
    }

    pub fn write(&mut self, row: &R) -> Result<(), ResultsError> {
        self.csv
            .write_record(row.csv_fields().iter().map(|f| f.as_bytes()))
            .map_err(|e| io_error(&self.csv_path, e))?;
        if let Some(parquet) = &mut self.parquet {
            parquet.push(row)?;
        }
        Ok(())
    }

    /// Writes every row of `rows` and closes the files.
    pub fn write_all<'a>(
        mut self,
        rows: impl IntoIterator<Item = &'a R>,
    ) -> Result<(), ResultsError>
    where
        R: 'a,
    {
        for row in rows {
            self.write(row)?;
        }
        self.finish()
    }

    /// Flushes the last row group and closes the files.
    pub fn finish(mut self) -> Result<(), ResultsError> {
        self.csv.flush().map_err(|e| io_error(&self.csv_path, e))?;
        if let Some(parquet) = self.parquet {
            parquet.finish()?;
        }
        Ok(())
    }
}

/// Which part of a sharded run wrote a file: shard `index` of `count` (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub index: u32,
    pub count: u32,
}

impl Part {
    pub const WHOLE: Part = Part { index: 0, count: 1 };

    /// `part-00001-of-00003.parquet`.
    pub fn file_name(self) -> String {
        format!("part-{:05}-of-{:05}.parquet", self.index, self.count)
    }
}

/// A Hive-partitioned table: one Parquet file per month for this part.
pub struct DatasetWriter<R: Row> {
    table: PathBuf,
    part: Part,
    months: BTreeMap<String, ParquetSink<R>>,
}

impl<R: Row> DatasetWriter<R> {
    /// The table's folder (`RESULTS/criteria`); month folders are made as months turn up. Files this
    /// part wrote in an earlier run are removed first, and so are those of a run split into another
    /// number of shards, so a re-run leaves nothing stale; the other shards' files of the same split
    /// are left alone (they may be being written right now).
    pub fn create(table: &Path, part: Part) -> Result<Self, ResultsError> {
        fs::create_dir_all(table).map_err(|e| io_error(table, e))?;
        let own = part.file_name();
        let same_split = format!("-of-{:05}.parquet", part.count);
        for month in fs::read_dir(table).map_err(|e| io_error(table, e))? {
            let month = month.map_err(|e| io_error(table, e))?.path();
            let Ok(files) = fs::read_dir(&month) else {
                continue;
            };
            for file in files.filter_map(Result::ok) {
                let name = file.file_name().to_string_lossy().into_owned();
                let stale = name == own
                    || (name.starts_with("part-")
                        && name.ends_with(".parquet")
                        && !name.ends_with(&same_split));
                if stale {
                    match fs::remove_file(file.path()) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            return Err(io_error(&file.path(), e));
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(DatasetWriter {
            table: table.to_path_buf(),
            part,
            months: BTreeMap::new(),
        })
    }

    /// Appends `row` to its month (None: the null partition).
    pub fn write(&mut self, month: Option<&str>, row: &R) -> Result<(), ResultsError> {
        let month = month.unwrap_or(NULL_PARTITION);
        if !self.months.contains_key(month) {
            let folder = self.table.join(format!("month={month}"));
            fs::create_dir_all(&folder).map_err(|e| io_error(&folder, e))?;
            let sink = ParquetSink::create(&folder.join(self.part.file_name()))?;
            self.months.insert(month.to_string(), sink);
        }
        match self.months.get_mut(month) {
            Some(sink) => sink.push(row),
            None => Ok(()),
        }
    }

    pub fn finish(self) -> Result<(), ResultsError> {
        for sink in self.months.into_values() {
            sink.finish()?;
        }
        Ok(())
    }
}

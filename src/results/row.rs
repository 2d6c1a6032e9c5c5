//! One row struct per output table, declared once with `output_row!`: the struct (serde, for the CSV
//! readers), its column names (the field names, in order), their Parquet types (from the field types),
//! how each field is written to CSV, and how a Parquet frame turns back into rows. The writers
//! (`writer.rs`), `explain` and the report's readers all go through this one declaration, so no list of
//! column names or types exists anywhere else.
//!
//! Field types and what they become: `String` text (empty, never null), `bool`, `f64` and `Option<f64>`
//! Float64, `u64`/`usize` and their `Option`s Int64. CSV text cells that a spreadsheet would run as a
//! formula (starting with =, +, -, @, tab or carriage return) get a leading apostrophe; floats are
//! written in their shortest exact form (12, 12.5, 0.833).

use std::borrow::Cow;

use polars::prelude::*;

/// A table's row. Implemented by `output_row!` only.
pub trait Row: Default + for<'de> serde::Deserialize<'de> {
    /// Column names, in the order they are written.
    const COLUMNS: &'static [&'static str];
    /// The Parquet (polars) type of each column, in order.
    fn dtypes() -> Vec<DataType>;
    /// The row's CSV fields, in column order.
    fn csv_fields(&self) -> Vec<Cow<'_, str>>;
    /// Appends the row to one buffer per column.
    fn push(&self, columns: &mut [ColumnBuffer]);
    /// Rows back from a frame that has (some of) the columns; a missing column gives defaults.
    fn from_frame(df: &DataFrame) -> PolarsResult<Vec<Self>>;

    /// The polars schema of the table.
    fn schema() -> Schema {
        Self::COLUMNS
            .iter()
            .zip(Self::dtypes())
            .map(|(name, dtype)| (PlSmallStr::from(*name), dtype))
            .collect()
    }

    /// The type of `column`, None when the table has no such column.
    fn dtype_of(column: &str) -> Option<DataType> {
        let index = Self::COLUMNS.iter().position(|c| *c == column)?;
        Self::dtypes().into_iter().nth(index)
    }
}

/// Declares a row struct and implements `Row` for it from its fields.
macro_rules! output_row {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
        #[serde(default)]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )+
        }

        impl $crate::results::row::Row for $name {
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),+];

            fn dtypes() -> Vec<polars::prelude::DataType> {
                vec![$(<$ty as $crate::results::row::Value>::dtype()),+]
            }

            fn csv_fields(&self) -> Vec<std::borrow::Cow<'_, str>> {
                vec![$($crate::results::row::Value::csv(&self.$field)),+]
            }

            fn push(&self, columns: &mut [$crate::results::row::ColumnBuffer]) {
                let mut columns = columns.iter_mut();
                $(
                    if let Some(column) = columns.next() {
                        $crate::results::row::Value::push(&self.$field, column);
                    }
                )+
            }

            fn from_frame(
                df: &polars::prelude::DataFrame,
            ) -> polars::prelude::PolarsResult<Vec<Self>> {
                $(
                    let mut $field = <$ty as $crate::results::row::Value>::values(
                        df,
                        stringify!($field),
                    )?
                    .into_iter();
                )+
                Ok((0..df.height())
                    .map(|_| $name {
                        $( $field: $field.next().unwrap_or_default(), )+
                    })
                    .collect())
            }
        }
    };
}
pub(crate) use output_row;

/// One column being gathered for a Parquet row group.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnBuffer {
    Text(Vec<String>),
    Float(Vec<Option<f64>>),
    Int(Vec<Option<i64>>),
    Bool(Vec<bool>),
}

impl ColumnBuffer {
    /// An empty buffer for a column of `dtype`.
    pub fn for_dtype(dtype: &DataType) -> ColumnBuffer {
        match dtype {
            DataType::Float64 => ColumnBuffer::Float(Vec::new()),
            DataType::Int64 => ColumnBuffer::Int(Vec::new()),
            DataType::Boolean => ColumnBuffer::Bool(Vec::new()),
            _ => ColumnBuffer::Text(Vec::new()),
        }
    }

    /// The gathered values as a polars column, leaving the buffer empty.
    pub fn take(&mut self, name: &str) -> Column {
        match self {
            ColumnBuffer::Text(v) => Column::new(name.into(), std::mem::take(v)),
            ColumnBuffer::Float(v) => Column::new(name.into(), std::mem::take(v)),
            ColumnBuffer::Int(v) => Column::new(name.into(), std::mem::take(v)),
            ColumnBuffer::Bool(v) => Column::new(name.into(), std::mem::take(v)),
        }
    }
}

/// A field type of a row struct.
pub trait Value: Sized + Default {
    fn dtype() -> DataType;
    fn csv(&self) -> Cow<'_, str>;
    fn push(&self, column: &mut ColumnBuffer);
    /// The column `name` of `df` as values; defaults when the frame lacks it.
    fn values(df: &DataFrame, name: &str) -> PolarsResult<Vec<Self>>;
}

fn missing<T: Default>(df: &DataFrame, name: &str) -> Option<Vec<T>> {
    (!df.schema().contains(name)).then(|| (0..df.height()).map(|_| T::default()).collect())
}

fn cast(df: &DataFrame, name: &str, dtype: &DataType) -> PolarsResult<Column> {
    df.column(name)?.cast(dtype)
}

impl Value for String {
    fn dtype() -> DataType {
        DataType::String
    }
    fn csv(&self) -> Cow<'_, str> {
        neutralise(self)
    }
    fn push(&self, column: &mut ColumnBuffer) {
        if let ColumnBuffer::Text(v) = column {
            v.push(self.clone());
        }
    }
    fn values(df: &DataFrame, name: &str) -> PolarsResult<Vec<Self>> {
        if let Some(v) = missing(df, name) {
            return Ok(v);
        }
        let column = cast(df, name, &DataType::String)?;
        Ok(column
            .str()?
            .iter()
            .map(|v| v.unwrap_or("").to_string())
            .collect())
    }
}

impl Value for bool {
    fn dtype() -> DataType {
        DataType::Boolean
    }
    fn csv(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
    fn push(&self, column: &mut ColumnBuffer) {
        if let ColumnBuffer::Bool(v) = column {
            v.push(*self);
        }
    }
    fn values(df: &DataFrame, name: &str) -> PolarsResult<Vec<Self>> {
        if let Some(v) = missing(df, name) {
            return Ok(v);
        }
        let column = cast(df, name, &DataType::Boolean)?;
        Ok(column.bool()?.iter().map(|v| v.unwrap_or(false)).collect())
    }
}

impl Value for Option<f64> {
    fn dtype() -> DataType {
        DataType::Float64
    }
    fn csv(&self) -> Cow<'_, str> {
        match self {
            Some(x) => Cow::Owned(format_float(*x)),
            None => Cow::Borrowed(""),
        }
    }
    fn push(&self, column: &mut ColumnBuffer) {
        if let ColumnBuffer::Float(v) = column {
            v.push(*self);
        }
    }
    fn values(df: &DataFrame, name: &str) -> PolarsResult<Vec<Self>> {
        if let Some(v) = missing(df, name) {
            return Ok(v);
        }
        let column = cast(df, name, &DataType::Float64)?;
        Ok(column.f64()?.iter().collect())
    }
}

impl Value for f64 {
    fn dtype() -> DataType {
        DataType::Float64
    }
    fn csv(&self) -> Cow<'_, str> {
        Cow::Owned(format_float(*self))
    }
    fn push(&self, column: &mut ColumnBuffer) {
        Some(*self).push(column);
    }
    fn values(df: &DataFrame, name: &str) -> PolarsResult<Vec<Self>> {
        Ok(<Option<f64>>::values(df, name)?
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect())
    }
}

impl Value for Option<u64> {
    fn dtype() -> DataType {
        DataType::Int64
    }
    fn csv(&self) -> Cow<'_, str> {
        match self {
            Some(n) => Cow::Owned(n.to_string()),
            None => Cow::Borrowed(""),
        }
    }
    fn push(&self, column: &mut ColumnBuffer) {
        if let ColumnBuffer::Int(v) = column {
            v.push(self.map(|n| n as i64));
        }
    }
    fn values(df: &DataFrame, name: &str) -> PolarsResult<Vec<Self>> {
        if let Some(v) = missing(df, name) {
            return Ok(v);
        }
        let column = cast(df, name, &DataType::Int64)?;
        Ok(column
            .i64()?
            .iter()
            .map(|v| v.map(|n| n.max(0) as u64))
            .collect())
    }
}

impl Value for u64 {
    fn dtype() -> DataType {
        DataType::Int64
    }
    fn csv(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
    fn push(&self, column: &mut ColumnBuffer) {
        Some(*self).push(column);
    }
    fn values(df: &DataFrame, name: &str) -> PolarsResult<Vec<Self>> {
        Ok(<Option<u64>>::values(df, name)?
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect())
    }
}

impl Value for Option<usize> {
    fn dtype() -> DataType {
        DataType::Int64
    }
    fn csv(&self) -> Cow<'_, str> {
        self.map(|n| n as u64).csv().into_owned().into()
    }
    fn push(&self, column: &mut ColumnBuffer) {
        self.map(|n| n as u64).push(column);
    }
    fn values(df: &DataFrame, name: &str) -> PolarsResult<Vec<Self>> {
        Ok(<Option<u64>>::values(df, name)?
            .into_iter()
            .map(|v| v.map(|n| n as usize))
            .collect())
    }
}

impl Value for usize {
    fn dtype() -> DataType {
        DataType::Int64
    }
    fn csv(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
    fn push(&self, column: &mut ColumnBuffer) {
        Some(*self as u64).push(column);
    }
    fn values(df: &DataFrame, name: &str) -> PolarsResult<Vec<Self>> {
        Ok(<Option<u64>>::values(df, name)?
            .into_iter()
            .map(|v| v.unwrap_or_default() as usize)
            .collect())
    }
}

/// Shortest exact form: 12, 12.5, 0.833.
pub fn format_float(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    output_row! {
        /// A table for the tests.
        pub struct Sample {
            pub name: String,
            pub weight: f64,
            pub at_s: Option<f64>,
            pub count: usize,
            pub missing: Option<u64>,
            pub critical: bool,
        }
    }

    fn sample() -> Sample {
        Sample {
            name: "=cmd|' /C calc'!A0".into(),
            weight: 12.0,
            at_s: Some(0.5),
            count: 3,
            missing: None,
            critical: true,
        }
    }

    #[test]
    fn columns_are_the_fields_in_order_with_their_types() {
        assert_eq!(
            Sample::COLUMNS,
            &["name", "weight", "at_s", "count", "missing", "critical"]
        );
        assert_eq!(Sample::dtype_of("count"), Some(DataType::Int64));
        assert_eq!(Sample::dtype_of("at_s"), Some(DataType::Float64));
        assert_eq!(Sample::dtype_of("nope"), None);
    }

    #[test]
    fn csv_fields_neutralise_formulas_and_keep_numbers_short() {
        let row = sample();
        let fields: Vec<String> = row
            .csv_fields()
            .into_iter()
            .map(|f| f.into_owned())
            .collect();
        assert_eq!(
            fields,
            ["'=cmd|' /C calc'!A0", "12", "0.5", "3", "", "true"]
        );
    }

    #[test]
    fn rows_go_through_a_frame_and_back() {
        let rows = vec![sample(), Sample::default()];
        let mut columns: Vec<ColumnBuffer> = Sample::dtypes()
            .iter()
            .map(ColumnBuffer::for_dtype)
            .collect();
        for row in &rows {
            row.push(&mut columns);
        }
        let columns: Vec<Column> = columns
            .iter_mut()
            .zip(Sample::COLUMNS)
            .map(|(c, name)| c.take(name))
            .collect();
        let df = DataFrame::new(2, columns).unwrap();
        assert_eq!(Sample::from_frame(&df).unwrap(), rows);
        // A frame without some columns gives their defaults.
        let narrow = df.select(["name"]).unwrap();
        let back = Sample::from_frame(&narrow).unwrap();
        assert_eq!(back[0].name, rows[0].name);
        assert_eq!(back[0].count, 0);
    }
}

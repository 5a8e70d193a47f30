//! OGC GeoPackage 1.3 (an SQLite file) with two point layers:
//!
//! - `mentions`: one feature per mention, with every property of the GeoJSON
//!   export as a column;
//! - `places`: one feature per resolved place, with `mention_count`,
//!   `doc_count`, `sources` and `first_sentence` ([`super::places`]).
//!
//! Geometries are GeoPackage binary points (`GP`, version 0, little-endian,
//! an xy envelope, srs_id 4326, then a WKB point). The metadata (tool version,
//! gazetteer sources, the GeoNames credit) is in `gpkg_metadata` and
//! `gpkg_metadata_reference` (the metadata extension, registered in
//! `gpkg_extensions`): once as GDAL metadata items, which `ogrinfo` and QGIS
//! show, and once as plain text. Mentions are inserted as they come, in one
//! transaction, so memory does not grow with them.

use super::geojson::{properties, round_coord, PROPERTY_FIELDS};
use super::places::{place_properties, PlaceAggregator, PLACE_FIELDS};
use super::{io_err, FieldType, Metadata};
use crate::tagger::Mention;
use rusqlite::types::Value as Sql;
use rusqlite::Connection;
use serde_json::{Map, Value};
use std::io;
use std::path::Path;

/// `application_id`: "GPKG".
pub const APPLICATION_ID: i32 = 0x4750_4B47;
/// `user_version` of GeoPackage 1.3.0.
pub const USER_VERSION: i32 = 10300;
/// The layer of mentions.
pub const MENTIONS_TABLE: &str = "mentions";
/// The layer of places.
pub const PLACES_TABLE: &str = "places";

const WGS84_WKT: &str = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";
const METADATA_EXTENSION: &str = "http://www.geopackage.org/spec120/#extension_metadata";

const CORE_SCHEMA: &str = "
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition  TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
CREATE TABLE gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL, mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '');
CREATE TABLE gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, column_name TEXT, row_id_value INTEGER, timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), md_file_id INTEGER NOT NULL, md_parent_id INTEGER, CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id), CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id));
";

/// A GeoPackage binary point: header (`GP`, version 0, flags = xy envelope
/// and little-endian, srs_id 4326, envelope minx maxx miny maxy) and a
/// little-endian WKB point.
pub fn point_blob(lon: f64, lat: f64) -> Vec<u8> {
    let mut b = Vec::with_capacity(61);
    b.extend_from_slice(b"GP");
    b.push(0); // version 1 is written 0
    b.push(0b0000_0011); // envelope type 1 (xy) in bits 1-3, little-endian in bit 0
    b.extend_from_slice(&4326i32.to_le_bytes());
    for v in [lon, lon, lat, lat] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.push(1); // WKB little-endian
    b.extend_from_slice(&1u32.to_le_bytes()); // Point
    b.extend_from_slice(&lon.to_le_bytes());
    b.extend_from_slice(&lat.to_le_bytes());
    b
}

fn quote_id(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn sql_type(t: FieldType) -> &'static str {
    match t {
        FieldType::Text => "TEXT",
        FieldType::Integer => "INTEGER",
        FieldType::Real => "REAL",
    }
}

fn create_layer(
    conn: &Connection,
    table: &str,
    fields: &[(&str, FieldType)],
    description: &str,
) -> rusqlite::Result<()> {
    let cols: Vec<String> = fields
        .iter()
        .map(|(n, t)| format!("{} {}", quote_id(n), sql_type(*t)))
        .collect();
    conn.execute_batch(&format!(
        "CREATE TABLE {} (\"fid\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \"geom\" POINT, {});",
        quote_id(table),
        cols.join(", ")
    ))?;
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?1, 'features', ?1, ?2, 4326)",
        (table, description),
    )?;
    conn.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', 'POINT', 4326, 0, 0)",
        [table],
    )?;
    Ok(())
}

fn insert_sql(table: &str, fields: &[(&str, FieldType)]) -> String {
    let names: Vec<String> = fields.iter().map(|f| quote_id(f.0)).collect();
    let marks: Vec<String> = (0..=fields.len()).map(|i| format!("?{}", i + 1)).collect();
    format!(
        "INSERT INTO {} (\"geom\", {}) VALUES ({})",
        quote_id(table),
        names.join(", "),
        marks.join(", ")
    )
}

fn sql_values(
    lon: f64,
    lat: f64,
    fields: &[(&str, FieldType)],
    props: &Map<String, Value>,
) -> Vec<Sql> {
    let mut v = Vec::with_capacity(fields.len() + 1);
    v.push(Sql::Blob(point_blob(lon, lat)));
    for (name, t) in fields {
        v.push(match (props.get(*name), t) {
            (None | Some(Value::Null), _) => Sql::Null,
            (Some(x), FieldType::Integer) => x.as_i64().map(Sql::Integer).unwrap_or(Sql::Null),
            (Some(x), FieldType::Real) => x.as_f64().map(Sql::Real).unwrap_or(Sql::Null),
            (Some(Value::String(s)), FieldType::Text) => Sql::Text(s.clone()),
            (Some(x), FieldType::Text) => Sql::Text(x.to_string()),
        });
    }
    v
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c => o.push(c),
        }
    }
    o
}

/// The metadata as GDAL metadata items (`ogrinfo` and QGIS show them).
fn gdal_metadata_xml(meta: &Metadata) -> String {
    let mut s = String::from("<GDALMultiDomainMetadata>\n  <Metadata>\n");
    let mut item = |k: &str, v: &str| {
        s.push_str(&format!(
            "    <MDI key=\"{}\">{}</MDI>\n",
            xml_escape(k),
            xml_escape(v)
        ));
    };
    item("GEOMENTION_VERSION", &meta.version);
    item("GAZETTEER_SOURCES", &meta.gazetteer.join("; "));
    item("CREDIT", &meta.credit);
    s.push_str("  </Metadata>\n</GDALMultiDomainMetadata>\n");
    s
}

#[derive(Debug, Clone, Copy)]
struct Extent {
    min_x: f64,
    min_y: f64,
    max_x: f64,
    max_y: f64,
}

impl Extent {
    fn new() -> Self {
        Extent {
            min_x: f64::INFINITY,
            min_y: f64::INFINITY,
            max_x: f64::NEG_INFINITY,
            max_y: f64::NEG_INFINITY,
        }
    }
    fn add(&mut self, x: f64, y: f64) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
    }
    fn store(&self, conn: &Connection, table: &str) -> rusqlite::Result<()> {
        if self.min_x.is_finite() {
            conn.execute(
                "UPDATE gpkg_contents SET min_x = ?1, min_y = ?2, max_x = ?3, max_y = ?4 WHERE table_name = ?5",
                (self.min_x, self.min_y, self.max_x, self.max_y, table),
            )?;
        }
        Ok(())
    }
}

/// Writes a GeoPackage mention by mention; the `places` layer is written by
/// [`GpkgWriter::finish`].
pub struct GpkgWriter {
    conn: Connection,
    places: PlaceAggregator,
    extent: Extent,
    insert_mention: String,
}

impl GpkgWriter {
    /// Creates the GeoPackage at `path`, which must not exist or be empty
    /// (the command line gives it a fresh temporary file, renamed when done).
    pub fn create(path: &Path, meta: &Metadata) -> io::Result<Self> {
        if std::fs::metadata(path)
            .map(|m| m.len() > 0)
            .unwrap_or(false)
        {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{}: a GeoPackage is written to a new file", path.display()),
            ));
        }
        let conn = Connection::open(path).map_err(io_err)?;
        Self::init(&conn, meta).map_err(io_err)?;
        Ok(GpkgWriter {
            conn,
            places: PlaceAggregator::new(),
            extent: Extent::new(),
            insert_mention: insert_sql(MENTIONS_TABLE, PROPERTY_FIELDS),
        })
    }

    fn init(conn: &Connection, meta: &Metadata) -> rusqlite::Result<()> {
        // The file is a fresh temporary one: no rollback journal is needed.
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {USER_VERSION};\
             PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;"
        ))?;
        conn.execute_batch(CORE_SCHEMA)?;
        conn.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system')",
            [],
        )?;
        conn.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system')",
            [],
        )?;
        conn.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?1, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')",
            [WGS84_WKT],
        )?;
        create_layer(
            conn,
            MENTIONS_TABLE,
            PROPERTY_FIELDS,
            "Place mentions found by geomention: one point per mention",
        )?;
        create_layer(
            conn,
            PLACES_TABLE,
            PLACE_FIELDS,
            "Resolved places: one point per place, with mention and document counts",
        )?;
        for t in ["gpkg_metadata", "gpkg_metadata_reference"] {
            conn.execute(
                "INSERT INTO gpkg_extensions VALUES (?1, NULL, 'gpkg_metadata', ?2, 'read-write')",
                (t, METADATA_EXTENSION),
            )?;
        }
        conn.execute(
            "INSERT INTO gpkg_metadata (id, md_scope, md_standard_uri, mime_type, metadata) VALUES (1, 'dataset', 'http://gdal.org', 'text/xml', ?1)",
            [gdal_metadata_xml(meta)],
        )?;
        conn.execute(
            "INSERT INTO gpkg_metadata (id, md_scope, md_standard_uri, mime_type, metadata) VALUES (2, 'dataset', 'https://www.geonames.org/', 'text/plain', ?1)",
            [meta.to_text("GeoPackage layers: mentions (one point per place mention), places (one point per resolved place)")],
        )?;
        conn.execute(
            "INSERT INTO gpkg_metadata_reference (reference_scope, md_file_id) VALUES ('geopackage', 1)",
            [],
        )?;
        conn.execute(
            "INSERT INTO gpkg_metadata_reference (reference_scope, md_file_id) VALUES ('geopackage', 2)",
            [],
        )?;
        for t in [MENTIONS_TABLE, PLACES_TABLE] {
            conn.execute(
                "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) VALUES ('table', ?1, 1)",
                [t],
            )?;
        }
        Ok(())
    }

    /// Adds one mention.
    pub fn write(&mut self, m: &Mention) -> io::Result<()> {
        self.places.add(m);
        let (lon, lat) = (round_coord(m.place.lon), round_coord(m.place.lat));
        self.extent.add(lon, lat);
        let values = sql_values(lon, lat, PROPERTY_FIELDS, &properties(m));
        let mut st = self
            .conn
            .prepare_cached(&self.insert_mention)
            .map_err(io_err)?;
        st.execute(rusqlite::params_from_iter(values))
            .map_err(io_err)?;
        Ok(())
    }

    /// Writes the `places` layer and the extents, commits and closes the file.
    pub fn finish(self) -> io::Result<()> {
        let conn = self.conn;
        (|| -> rusqlite::Result<()> {
            self.extent.store(&conn, MENTIONS_TABLE)?;
            let mut extent = Extent::new();
            {
                let mut st = conn.prepare(&insert_sql(PLACES_TABLE, PLACE_FIELDS))?;
                for s in self.places.places() {
                    let (lon, lat) = (round_coord(s.place.lon), round_coord(s.place.lat));
                    extent.add(lon, lat);
                    st.execute(rusqlite::params_from_iter(sql_values(
                        lon,
                        lat,
                        PLACE_FIELDS,
                        &place_properties(s),
                    )))?;
                }
            }
            extent.store(&conn, PLACES_TABLE)?;
            conn.execute_batch("COMMIT;")?;
            Ok(())
        })()
        .map_err(io_err)?;
        conn.close().map_err(|(_, e)| io_err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_blob_layout() {
        let b = point_blob(44.4, 33.3);
        assert_eq!(b.len(), 61);
        assert_eq!(&b[..4], b"GP\x00\x03");
        assert_eq!(i32::from_le_bytes(b[4..8].try_into().unwrap()), 4326);
        assert_eq!(f64::from_le_bytes(b[8..16].try_into().unwrap()), 44.4);
        assert_eq!(f64::from_le_bytes(b[24..32].try_into().unwrap()), 33.3);
        assert_eq!(b[40], 1);
        assert_eq!(u32::from_le_bytes(b[41..45].try_into().unwrap()), 1);
        assert_eq!(f64::from_le_bytes(b[53..61].try_into().unwrap()), 33.3);
    }

    #[test]
    fn metadata_xml_is_escaped() {
        let meta = Metadata {
            version: "1".into(),
            gazetteer: vec!["a<b>&c".into()],
            credit: "x".into(),
        };
        let x = gdal_metadata_xml(&meta);
        assert!(x.contains("a&lt;b&gt;&amp;c"));
    }
}

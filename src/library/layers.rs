//! User GeoJSON layers kept in the library: the file's bytes (so a moved file loses nothing),
//! its name, colour and visibility. Add, list, update, remove.

use rusqlite::{OptionalExtension, params};

use super::schema::NOW;
use super::{LibraryError, Store};

/// A user layer as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    pub id: i64,
    /// Where the file was read from.
    pub path: String,
    pub name: String,
    /// The GeoJSON file's bytes.
    pub bytes: Vec<u8>,
    /// A colour as the UI writes it (`#rrggbb`).
    pub colour: String,
    pub visible: bool,
    pub added_at: String,
}

/// A layer to add.
#[derive(Debug, Clone, Copy)]
pub struct NewLayer<'a> {
    pub path: &'a str,
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub colour: &'a str,
    pub visible: bool,
}

fn layer_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Layer> {
    Ok(Layer {
        id: r.get(0)?,
        path: r.get(1)?,
        name: r.get(2)?,
        bytes: r.get(3)?,
        colour: r.get(4)?,
        visible: r.get(5)?,
        added_at: r.get(6)?,
    })
}

const COLUMNS: &str = "id, path, name, bytes, colour, visible, added_at";

impl Store {
    /// Store a layer; returns its id.
    pub fn add_layer(&mut self, layer: &NewLayer<'_>) -> Result<i64, LibraryError> {
        self.conn()
            .execute(
                &format!(
                    "INSERT INTO layers (path, name, bytes, colour, visible, added_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, {NOW})"
                ),
                params![
                    layer.path,
                    layer.name,
                    layer.bytes,
                    layer.colour,
                    layer.visible
                ],
            )
            .map_err(self.err("storing a layer"))?;
        Ok(self.conn().last_insert_rowid())
    }

    /// Every layer, in the order added.
    pub fn layers(&self) -> Result<Vec<Layer>, LibraryError> {
        let mut st = self
            .conn()
            .prepare(&format!("SELECT {COLUMNS} FROM layers ORDER BY id"))
            .map_err(self.err("listing layers"))?;
        st.query_map([], layer_from_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(self.err("listing layers"))
    }

    /// One layer by id.
    pub fn layer(&self, id: i64) -> Result<Option<Layer>, LibraryError> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM layers WHERE id = ?1"),
                [id],
                layer_from_row,
            )
            .optional()
            .map_err(self.err("reading a layer"))
    }

    /// Change a layer's name, colour and visibility. False if there is no such layer.
    pub fn update_layer(
        &mut self,
        id: i64,
        name: &str,
        colour: &str,
        visible: bool,
    ) -> Result<bool, LibraryError> {
        let n = self
            .conn()
            .execute(
                "UPDATE layers SET name = ?2, colour = ?3, visible = ?4 WHERE id = ?1",
                params![id, name, colour, visible],
            )
            .map_err(self.err("updating a layer"))?;
        Ok(n > 0)
    }

    /// Remove a layer. False if there was no such layer.
    pub fn remove_layer(&mut self, id: i64) -> Result<bool, LibraryError> {
        let n = self
            .conn()
            .execute("DELETE FROM layers WHERE id = ?1", [id])
            .map_err(self.err("removing a layer"))?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_are_added_listed_updated_and_removed() {
        let Ok(mut store) = Store::in_memory() else {
            panic!("an in-memory library opens");
        };
        let bytes = br#"{"type":"FeatureCollection","features":[]}"#;
        let new = NewLayer {
            path: "/data/ports.geojson",
            name: "Ports",
            bytes,
            colour: "#ff8800",
            visible: true,
        };
        let Ok(id) = store.add_layer(&new) else {
            panic!("the layer is stored");
        };
        let Ok(all) = store.layers() else {
            panic!("layers list");
        };
        assert_eq!(all.len(), 1);
        assert_eq!(all.first().map(|l| l.bytes.as_slice()), Some(&bytes[..]));
        assert!(all.first().is_some_and(|l| l.added_at.ends_with('Z')));
        assert_eq!(
            store.update_layer(id, "Sea ports", "#0088ff", false).ok(),
            Some(true)
        );
        let Ok(Some(l)) = store.layer(id) else {
            panic!("the layer is still there");
        };
        assert_eq!(
            (l.name.as_str(), l.colour.as_str(), l.visible),
            ("Sea ports", "#0088ff", false)
        );
        assert_eq!(store.remove_layer(id).ok(), Some(true));
        assert_eq!(store.remove_layer(id).ok(), Some(false));
        assert!(store.layers().is_ok_and(|l| l.is_empty()));
    }
}

/// Why a spreadsheet could not be read. Each says what was wrong in words a clerk can act on;
/// the api turns them into `file_*` rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    #[error("not a spreadsheet: save it as .xlsx or as UTF-8 .csv")]
    NotSpreadsheet,
    #[error("not a document that can be checked: save it as .txt, .docx or .pdf")]
    NotDocument,
    #[error("the CSV is not UTF-8: save it as “CSV UTF-8” (WPS/Excel) and try again")]
    Encoding,
    #[error("the spreadsheet is damaged: {0}")]
    Corrupt(String),
    #[error("{what} is {size} bytes, over the limit of {max}")]
    TooLarge { what: String, size: u64, max: u64 },
    #[error("{part} expands {ratio} times: a zip bomb, not a spreadsheet")]
    ZipBomb { part: String, ratio: u64 },
    #[error("the workbook declares {declared} shared strings ({attr}); at most {max} are possible")]
    DeclaredCount {
        attr: String,
        declared: u64,
        max: u64,
    },
    #[error("too many {what}: {at} found, at most {max}")]
    TooMany { what: String, at: u32, max: u32 },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

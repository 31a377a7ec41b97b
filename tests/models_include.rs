//! Eager loading and association accessors on SQLite without Node: the statements seqmig
//! sends for finders with `include` (and the accessors built on them), table by table
//! against the text sequelize 6.37.8 printed for the same calls on the
//! `migrations-examples/models-associations` app (its tables and seed migrations). The
//! differential harness compares the whole example, on both dialects, when Node is there.

use crate::support::TempProject;

/// (the call, with `logging: log`; the statement Sequelize logged for it).
const CASES: &[(&str, &str)] = &[
    (
        r#"Author.findAll({ include: [{ model: Book, as: 'books' }], order: [['id', 'ASC'], [{ model: Book, as: 'books' }, 'title', 'DESC']], logging: log })"#,
        r#"SELECT `Author`.`id`, `Author`.`name`, `Author`.`country`, `books`.`id` AS `books.id`, `books`.`title` AS `books.title`, `books`.`pages` AS `books.pages`, `books`.`author_id` AS `books.authorId` FROM `authors` AS `Author` LEFT OUTER JOIN `books` AS `books` ON `Author`.`id` = `books`.`author_id` ORDER BY `Author`.`id` ASC, `books`.`title` DESC;"#,
    ),
    (
        r#"Book.findAll({ include: [{ model: Author, as: 'author', attributes: ['name'] }, { model: Tag, as: 'tags', through: { attributes: ['weight'] } }], order: [['id', 'ASC'], [{ model: Tag, as: 'tags' }, 'label', 'ASC']], logging: log })"#,
        r#"SELECT `Book`.`id`, `Book`.`title`, `Book`.`pages`, `Book`.`author_id` AS `authorId`, `author`.`id` AS `author.id`, `author`.`name` AS `author.name`, `tags`.`id` AS `tags.id`, `tags`.`label` AS `tags.label`, `tags->BookTag`.`tagId` AS `tags.BookTag.tagId`, `tags->BookTag`.`bookId` AS `tags.BookTag.bookId`, `tags->BookTag`.`weight` AS `tags.BookTag.weight` FROM `books` AS `Book` LEFT OUTER JOIN `authors` AS `author` ON `Book`.`author_id` = `author`.`id` LEFT OUTER JOIN ( `book_tags` AS `tags->BookTag` INNER JOIN `tags` AS `tags` ON `tags`.`id` = `tags->BookTag`.`tagId`) ON `Book`.`id` = `tags->BookTag`.`bookId` ORDER BY `Book`.`id` ASC, `tags`.`label` ASC;"#,
    ),
    (
        r#"Author.findAll({ include: [{ model: Book, as: 'books', where: { pages: { [Op.gt]: 100 } }, attributes: ['title'] }], order: [['name', 'ASC']], logging: log })"#,
        r#"SELECT `Author`.`id`, `Author`.`name`, `Author`.`country`, `books`.`id` AS `books.id`, `books`.`title` AS `books.title` FROM `authors` AS `Author` INNER JOIN `books` AS `books` ON `Author`.`id` = `books`.`author_id` AND `books`.`pages` > 100 ORDER BY `Author`.`name` ASC;"#,
    ),
    (
        r#"Author.findAll({ attributes: ['name'], include: [{ model: Profile }, { model: Book, as: 'books', attributes: ['title'], include: [{ model: Tag, as: 'tags', attributes: ['label'], through: { attributes: [] } }] }], order: [['id', 'ASC'], ['books', 'id', 'ASC'], ['books', 'tags', 'label', 'ASC']], logging: log })"#,
        r#"SELECT `Author`.`id`, `Author`.`name`, `Profile`.`id` AS `Profile.id`, `Profile`.`bio` AS `Profile.bio`, `Profile`.`authorId` AS `Profile.authorId`, `books`.`id` AS `books.id`, `books`.`title` AS `books.title`, `books->tags`.`id` AS `books.tags.id`, `books->tags`.`label` AS `books.tags.label` FROM `authors` AS `Author` LEFT OUTER JOIN `profiles` AS `Profile` ON `Author`.`id` = `Profile`.`authorId` LEFT OUTER JOIN `books` AS `books` ON `Author`.`id` = `books`.`author_id` LEFT OUTER JOIN ( `book_tags` AS `books->tags->BookTag` INNER JOIN `tags` AS `books->tags` ON `books->tags`.`id` = `books->tags->BookTag`.`tagId`) ON `books`.`id` = `books->tags->BookTag`.`bookId` ORDER BY `Author`.`id` ASC, `books`.`id` ASC, `books->tags`.`label` ASC;"#,
    ),
    (
        r#"Reader.findAll({ include: [{ model: Book, attributes: ['title'], through: { attributes: ['BookId'] } }], order: [['id', 'ASC'], [Book, 'id', 'ASC']], logging: log })"#,
        r#"SELECT `Reader`.`id`, `Reader`.`nick`, `Books`.`id` AS `Books.id`, `Books`.`title` AS `Books.title`, `Books->Favorites`.`ReaderId` AS `Books.Favorites.ReaderId`, `Books->Favorites`.`BookId` AS `Books.Favorites.BookId` FROM `readers` AS `Reader` LEFT OUTER JOIN ( `Favorites` AS `Books->Favorites` INNER JOIN `books` AS `Books` ON `Books`.`id` = `Books->Favorites`.`BookId`) ON `Reader`.`id` = `Books->Favorites`.`ReaderId` ORDER BY `Reader`.`id` ASC, `Books`.`id` ASC;"#,
    ),
    (
        r#"Author.findAll({ include: [{ model: Book, as: 'books', attributes: ['id', 'title'] }], order: [['name', 'DESC'], ['books', 'id', 'ASC']], limit: 2, logging: log })"#,
        r#"SELECT `Author`.*, `books`.`id` AS `books.id`, `books`.`title` AS `books.title` FROM (SELECT `Author`.`id`, `Author`.`name`, `Author`.`country` FROM `authors` AS `Author` ORDER BY `Author`.`name` DESC LIMIT 2) AS `Author` LEFT OUTER JOIN `books` AS `books` ON `Author`.`id` = `books`.`author_id` ORDER BY `Author`.`name` DESC, `books`.`id` ASC;"#,
    ),
    (
        r#"Author.findAll({ include: [{ model: Book, as: 'books', where: { pages: { [Op.gt]: 60 } }, attributes: ['title'] }], order: [['id', 'ASC']], limit: 2, logging: log })"#,
        r#"SELECT `Author`.*, `books`.`id` AS `books.id`, `books`.`title` AS `books.title` FROM (SELECT `Author`.`id`, `Author`.`name`, `Author`.`country` FROM `authors` AS `Author` WHERE ( SELECT `author_id` FROM `books` AS `books` WHERE (`books`.`pages` > 60 AND `books`.`author_id` = `Author`.`id`) LIMIT 1 ) IS NOT NULL ORDER BY `Author`.`id` ASC LIMIT 2) AS `Author` INNER JOIN `books` AS `books` ON `Author`.`id` = `books`.`author_id` AND `books`.`pages` > 60 ORDER BY `Author`.`id` ASC;"#,
    ),
    (
        r#"Book.findAll({ include: [{ model: Tag, as: 'tags', where: { label: 'green' }, attributes: ['label'] }], order: [['id', 'ASC']], limit: 2, logging: log })"#,
        r#"SELECT `Book`.*, `tags`.`id` AS `tags.id`, `tags`.`label` AS `tags.label`, `tags->BookTag`.`bookId` AS `tags.BookTag.bookId`, `tags->BookTag`.`tagId` AS `tags.BookTag.tagId`, `tags->BookTag`.`weight` AS `tags.BookTag.weight` FROM (SELECT `Book`.`id`, `Book`.`title`, `Book`.`pages`, `Book`.`author_id` AS `authorId` FROM `books` AS `Book` WHERE ( SELECT `BookTag`.`bookId` FROM `book_tags` AS `BookTag` INNER JOIN `tags` AS `Tag` ON `BookTag`.`tagId` = `Tag`.`id` AND `Tag`.`label` = 'green' WHERE (`Book`.`id` = `BookTag`.`bookId`) LIMIT 1 ) IS NOT NULL ORDER BY `Book`.`id` ASC LIMIT 2) AS `Book` INNER JOIN ( `book_tags` AS `tags->BookTag` INNER JOIN `tags` AS `tags` ON `tags`.`id` = `tags->BookTag`.`tagId`) ON `Book`.`id` = `tags->BookTag`.`bookId` AND `tags`.`label` = 'green' ORDER BY `Book`.`id` ASC;"#,
    ),
    (
        r#"Book.findAll({ include: [{ model: Author, as: 'author', attributes: ['name'] }], attributes: ['title'], where: { pages: { [Op.lt]: 100 } }, order: [['id', 'ASC']], raw: true, logging: log })"#,
        r#"SELECT `Book`.`title`, `author`.`name` AS `author.name` FROM `books` AS `Book` LEFT OUTER JOIN `authors` AS `author` ON `Book`.`author_id` = `author`.`id` WHERE `Book`.`pages` < 100 ORDER BY `Book`.`id` ASC;"#,
    ),
    (
        r#"Author.count({ include: [{ model: Book, as: 'books' }], distinct: true, logging: log })"#,
        r#"SELECT count(DISTINCT(`Author`.`id`)) AS `count` FROM `authors` AS `Author` LEFT OUTER JOIN `books` AS `books` ON `Author`.`id` = `books`.`author_id`;"#,
    ),
    (
        r#"Author.findAll({ where: { '$books.pages$': { [Op.gt]: 100 } }, include: [{ model: Book, as: 'books', attributes: ['id', 'pages'] }], order: [[sequelize.col('books.pages'), 'DESC']], logging: log })"#,
        r#"SELECT `Author`.`id`, `Author`.`name`, `Author`.`country`, `books`.`id` AS `books.id`, `books`.`pages` AS `books.pages` FROM `authors` AS `Author` LEFT OUTER JOIN `books` AS `books` ON `Author`.`id` = `books`.`author_id` WHERE `books`.`pages` > 100 ORDER BY `books`.`pages` DESC;"#,
    ),
    (
        r#"alpha.getTags({ order: [['label', 'ASC']], logging: log })"#,
        r#"SELECT `Tag`.`id`, `Tag`.`label`, `BookTag`.`bookId` AS `BookTag.bookId`, `BookTag`.`tagId` AS `BookTag.tagId`, `BookTag`.`weight` AS `BookTag.weight` FROM `tags` AS `Tag` INNER JOIN `book_tags` AS `BookTag` ON `Tag`.`id` = `BookTag`.`tagId` AND `BookTag`.`bookId` = 1 ORDER BY `Tag`.`label` ASC;"#,
    ),
    (
        r#"alpha.countTags({ logging: log })"#,
        r#"SELECT COUNT(`Tag`.`id`) AS `count` FROM `tags` AS `Tag` INNER JOIN `book_tags` AS `BookTag` ON `Tag`.`id` = `BookTag`.`tagId` AND `BookTag`.`bookId` = 1;"#,
    ),
];

#[test]
fn include_statements_are_sequelizes_on_sqlite() {
    let p = TempProject::new();
    p.with_example("models-associations");
    std::fs::remove_file(p.path().join("example.json")).unwrap();
    std::fs::remove_file(
        p.path()
            .join("migrations/20240201000002-report-includes.js"),
    )
    .unwrap();
    p.sqlite_config();
    let calls: String = CASES
        .iter()
        .map(|(call, _)| format!("    await {call};\n"))
        .collect();
    p.write(
        "migrations/20240201000009-calls.js",
        &format!(
            "const {{ Op }} = require('sequelize');\nconst {{ Author, Book, Tag, Profile, Reader, sequelize }} = require('../models');\nconst log = (sql) => console.log(sql);\nmodule.exports = {{\n  async up() {{\n    const alpha = await Book.findOne({{ where: {{ title: 'Alpha' }} }});\n{calls}  }},\n  async down() {{}},\n}};\n"
        ),
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let logged: Vec<&str> = run.stdout.lines().collect();
    for (call, sql) in CASES {
        assert!(
            logged.contains(&format!("Executing (default): {sql}").as_str()),
            "{call}\nexpected: {sql}\nseqmig printed:\n{}",
            run.stdout
        );
    }
}

"""The workbook layer: what the notebooks and the app view put on screen: the tagger (`tagger`, `tag_card`,
`tag_queue`, `suggest`, `keyboard`, `context_row`), the coffee-chat form, the app view (`app`) and its sections
(`upload` and `bring_export`, `plan_chats`, `downloads`, `habit`, `introductions_view`), exercise checks and
guidance notes, screen-share mode (`privacy`), where a person's data lives (`data_folder`), and the sample's
introductions demo (`demo`).

May import every layer below it: `base`, `export`, `tags`, `gap`, `takeaway`."""

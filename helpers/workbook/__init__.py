"""The workbook layer: what the notebooks and the app view put on screen: the tagger (`tagger`, `tag_card`,
`tag_queue`, `suggest`, `keyboard`), the coffee-chat form, the app view (`app`) and its sections (`upload` and
`bring_export`, `plan_chats`, `downloads`, `habit`), exercise checks and guidance notes,
screen-share mode (`privacy`), and where a person's data lives (`data_folder`).

May import every layer below it: `base`, `export`, `tags`, `gap`, `takeaway`."""

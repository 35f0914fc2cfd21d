<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>TrainingDock</name>
    <message numerus="yes">
        <source>Train %n step(s)</source>
        <translation>
            <numerusform>Train %n step</numerusform>
            <numerusform>Train %n steps</numerusform>
        </translation>
    </message>
</context>
</TS>

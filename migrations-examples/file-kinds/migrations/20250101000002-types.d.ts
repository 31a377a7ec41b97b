// Declaration files are never migrations.
export declare const nothing: number;
